/** "Aide" section: test callbacks ("appels retours") and the demo receiver. */
import { consoleBaseUrl } from "@/lib/oauth/environments";
import { CALLBACK_SAMPLES, makeReference } from "@/lib/callbacks/messages";
import { CALLBACK_TIMEOUT_MS, SNIPPET_BYTES } from "@/lib/callbacks/deliver";
import { MAX_SENDS_PER_MINUTE } from "@/lib/callbacks/service";
import { RECEIVER_KEEP_PER_ACCOUNT, RECEIVER_MAX_BODY_BYTES, RECEIVER_PREFIX, demoReceiverEnabled } from "@/lib/callbacks/receiver";

const EXAMPLE_AT = new Date("2026-03-12T13:05:00Z");
const EXAMPLE_RANDOM = Uint8Array.from({ length: 32 }, (_, i) => (i * 11 + 5) % 36);
const API_NAMES: Record<string, string> = { DELTA_H7: "DeltaH7", GAMMA2: "Gamma2", DELTA_IE: "DeltaIE", PNTS: "PNTS" };

export function CallbacksHelp() {
  const receiverBase = `${consoleBaseUrl()}${RECEIVER_PREFIX}`;
  return (
    <section aria-labelledby="appels-retours-aide" className="space-y-3">
      <h2 id="appels-retours-aide" className="text-xl font-bold">Appels retours de test</h2>
      <p>
        Sur la fiche d&apos;un compte API (carte de chaque API habilitée) ou, pour la douane, sur une demande d&apos;habilitation,
        « Envoyer un appel retour de test » envoie, comme le ferait la douane, un <code>POST</code> à l&apos;url <strong>active</strong> de
        l&apos;API suivie du chemin du message, avec le token enregistré en <code>Authorization: Bearer &lt;token&gt;</code> et un corps
        JSON d&apos;essai (<code>&quot;essai&quot;: true</code>). Envoient : les correspondants du SIRET et les agents de la douane ; les
        formateurs consultent seulement.
      </p>
      <ul className="list-disc pl-6">
        <li>
          Délai maximal {CALLBACK_TIMEOUT_MS / 1000} s (connexion et corps compris) ; aucune redirection n&apos;est suivie (un 3xx est le
          résultat) ; au plus {MAX_SENDS_PER_MINUTE} envois par personne et par minute.
        </li>
        <li>
          Refusés avant l&apos;envoi : compte non habilité, pas d&apos;url active (une nouvelle url n&apos;est utilisée qu&apos;une fois son
          délai écoulé : l&apos;heure est indiquée), pas de token. Refusées à l&apos;envoi : les adresses privées, link-local ou réservées, et
          les adresses locales (loopback) sauf si la console les autorise (<code>OUTBOUND_ALLOW_LOOPBACK=1</code>, comme en démonstration) —
          vérifié sur l&apos;adresse écrite, sur chaque réponse DNS et sur l&apos;adresse réellement contactée.
        </li>
        <li>
          L&apos;historique garde la date, l&apos;URL appelée, le statut HTTP, la latence et les {SNIPPET_BYTES / 1024} premiers ko de la
          réponse — jamais le token (masqué même si le système appelé le renvoie).
        </li>
      </ul>
      <h3 className="font-bold">Messages envoyés, par API</h3>
      {Object.entries(CALLBACK_SAMPLES).map(([code, sample]) => {
        const reference = makeReference(EXAMPLE_AT, sample.referenceRandomLength, EXAMPLE_RANDOM);
        return (
          <div key={code}>
            <p>
              <strong>{API_NAMES[code] ?? code}</strong> — {sample.summary} <code>POST &lt;url active&gt;{sample.pathTemplate}</code>, où{" "}
              {"{ref}"} est la {sample.referenceLabel}. Exemple :
            </p>
            <pre className="mt-2 overflow-x-auto border border-line bg-surface p-3 text-sm">
              <code>{JSON.stringify(sample.body({ reference, at: EXAMPLE_AT, identifiant: "H7_API", apiCode: code }), null, 2)}</code>
            </pre>
          </div>
        );
      })}
      <h3 className="font-bold">Récepteur de démonstration</h3>
      <p>
        Pour montrer la boucle complète sur une seule machine, la console joue aussi le système de l&apos;opérateur
        {demoReceiverEnabled() ? "" : " (en mode démonstration seulement : DEMO_MODE=1)"}. Renseignez comme url d&apos;une API :
      </p>
      <pre className="mt-2 overflow-x-auto border border-line bg-surface p-3 text-sm">
        <code>{`${receiverBase}/<id du compte API>/<préfixe de l'API : dh7, gamma2, deltaie ou pnts>`}</code>
      </pre>
      <p>
        L&apos;adresse exacte de chaque API est affichée à côté du champ url (« Pour une démo sur cette machine, utilisez … »). Le
        récepteur vérifie le token présenté (comparaison en temps constant avec celui enregistré pour ce compte et cette API) et répond :
      </p>
      <ul className="list-disc pl-6">
        <li>200 avec un accusé de réception JSON (<code>&quot;statut&quot;: &quot;RECU&quot;</code>) ;</li>
        <li>
          401 avec <code>WWW-Authenticate: Bearer realm=&quot;recepteur-demo&quot;</code> sans token, ou{" "}
          <code>error=&quot;invalid_token&quot;</code> si le token ne correspond pas (après 10 tokens faux en 15 min : 429) ;
        </li>
        <li>404 pour un compte ou une API inconnus, 405 pour une autre méthode que POST, 413 au-delà de {RECEIVER_MAX_BODY_BYTES / 1024} ko, 400 si le corps n&apos;est pas du JSON.</li>
      </ul>
      <p>
        Ce qu&apos;il reçoit (date, chemin, token valide ou non, {SNIPPET_BYTES / 1024} premiers ko du message — jamais le token) apparaît sur
        la fiche du compte, section « Reçus par le récepteur de démonstration » ; les {RECEIVER_KEEP_PER_ACCOUNT} derniers appels par compte
        sont gardés.
      </p>
    </section>
  );
}
