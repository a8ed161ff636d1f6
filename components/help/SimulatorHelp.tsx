/** "Aide" section: the embedded OAuth 2.0 simulator and the simulated customs APIs (issue 3/6). */
import { CLIENT_ID, SCOPE, environments, simulatorEndpoints } from "@/lib/oauth/environments";
import { ACCESS_TOKEN_TTL_S, REFRESH_CHAIN_MAX_S, REFRESH_TOKEN_TTL_S } from "@/lib/oauth/tokens";
import { ID_TOKEN_TTL_S } from "@/lib/oauth/signing-keys";
import { ADDRESS_LIMIT, IDENTIFIANT_LIMIT } from "@/lib/oauth/rate-limit";
import { SIMULATED_APIS } from "@/lib/oauth/resource";

function Code({ children }: { children: string }) {
  return (
    <pre className="mt-2 overflow-x-auto border border-line bg-surface p-3 text-sm">
      <code>{children}</code>
    </pre>
  );
}

const minutes = (ms: number) => `${ms / 60_000} min`;

export function SimulatorHelp() {
  const sim = simulatorEndpoints();
  const env = environments();
  const tokenCurl = [
    `curl -s -X POST ${sim.tokenEndpoint} \\`,
    `  -H 'Accept: application/json' \\`,
    `  -H 'Content-Type: application/x-www-form-urlencoded' \\`,
    `  -d 'grant_type=password&client_id=${CLIENT_ID}&scope=${SCOPE}&username=api-demo-1' \\`,
    `  --data-urlencode 'password=VOTRE_MOT_DE_PASSE'`,
  ].join("\n");
  const apiCurl = [`curl -i ${sim.issuer}/dh7/declarations \\`, `  -H "Authorization: Bearer $ACCESS_TOKEN"`].join("\n");
  const refreshCurl = [
    `curl -s -X POST ${sim.tokenEndpoint} \\`,
    `  -H 'Content-Type: application/x-www-form-urlencoded' \\`,
    `  -d 'grant_type=refresh_token&client_id=${CLIENT_ID}' -d "refresh_token=$REFRESH_TOKEN"`,
  ].join("\n");

  return (
    <section aria-labelledby="simulateur" className="space-y-3">
      <h2 id="simulateur" className="text-xl font-bold">Simulateur OAuth 2.0 et API simulées</h2>
      <p>
        Cette console joue aussi le côté douane : un serveur d&apos;autorisation OAuth 2.0 et des API qui se comportent comme
        les vraies, pour répéter une certification sans toucher à l&apos;environnement de formation. Un client OAuth 2.0
        standard s&apos;y connecte exactement comme au serveur de la douane ; seules les URL changent.
      </p>
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">Paramètres OAuth 2.0 par environnement</caption>
        <thead>
          <tr className="border-b border-line">
            <th scope="col" className="py-2 pr-4">Environnement</th>
            <th scope="col" className="py-2 pr-4">URL du jeton</th>
            <th scope="col" className="py-2">Base des API</th>
          </tr>
        </thead>
        <tbody>
          {Object.values(env).map((e) => (
            <tr key={e.id} className="border-b border-line align-top">
              <th scope="row" className="py-2 pr-4 font-medium">{e.label}</th>
              <td className="break-all py-2 pr-4 font-mono">{e.tokenUrl}</td>
              <td className="break-all py-2 font-mono">{e.apiBaseUrl}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="list-disc pl-6">
        <li>
          <code>client_id</code> : toujours <code>{CLIENT_ID}</code> ; <code>scope</code> : <code>{SCOPE}</code> ;{" "}
          <code>username</code> / <code>password</code> : ceux du compte API. Corps en{" "}
          <code>application/x-www-form-urlencoded</code> uniquement, chaque paramètre une seule fois.
        </li>
        <li>
          Réponse : <code>access_token</code> (64 caractères hexadécimaux), <code>expires_in</code> ({ACCESS_TOKEN_TTL_S} s),{" "}
          <code>token_type</code> « Bearer », <code>refresh_token</code>, <code>id_token</code> (JWT signé RS512, valable{" "}
          {ID_TOKEN_TTL_S / 3600} h). Réutilisez le jeton tant qu&apos;il est valide ; un <code>refresh_token</code> sert une
          seule fois, vit {REFRESH_TOKEN_TTL_S / 3600} h et jamais plus de {REFRESH_CHAIN_MAX_S / 3600} h après
          l&apos;authentification par mot de passe.
        </li>
        <li>
          Découverte : <code className="break-all">{sim.discoveryUrl}</code> ; clés publiques (JWKS) :{" "}
          <code className="break-all">{sim.jwksUri}</code>.
        </li>
        <li>
          Un changement de mot de passe (ou la suppression du compte) révoque immédiatement tous ses jetons.
        </li>
        <li>
          Après {IDENTIFIANT_LIMIT.maxFailures} échecs en {minutes(IDENTIFIANT_LIMIT.windowMs)} pour un identifiant, ou{" "}
          {ADDRESS_LIMIT.maxFailures} depuis une même adresse, le serveur répond 429 avec <code>Retry-After</code> (
          {minutes(IDENTIFIANT_LIMIT.blockMs)} pour un identifiant, {minutes(ADDRESS_LIMIT.blockMs)} pour une adresse).
        </li>
      </ul>
      <h3 className="font-bold">Obtenir un jeton (compte de démonstration api-demo-1)</h3>
      <Code>{tokenCurl}</Code>
      <h3 className="font-bold">Appeler une API simulée</h3>
      <Code>{apiCurl}</Code>
      <h3 className="font-bold">Renouveler avec le refresh_token</h3>
      <Code>{refreshCurl}</Code>
      <h3 className="font-bold">API simulées</h3>
      <ul className="list-disc pl-6">
        <li>
          <code className="break-all">{sim.exampleApiUrl}</code> (GET) : répond 200 à tout jeton valide.
        </li>
        {SIMULATED_APIS.map((api) => (
          <li key={api.pathPrefix}>
            {api.name} : <code className="break-all">{`${sim.issuer}/${api.pathPrefix}/…`}</code> (GET, POST, PUT, PATCH,
            DELETE) — 200 si le compte est habilité sur {api.name}.
          </li>
        ))}
      </ul>
      <p>Réponses d&apos;erreur des API (RFC 6750) :</p>
      <ul className="list-disc pl-6">
        <li>
          sans en-tête <code>Authorization</code> : 401, <code>WWW-Authenticate: Bearer realm=&quot;…&quot;</code> ;
        </li>
        <li>
          jeton inconnu, expiré ou révoqué : 401, <code>Bearer error=&quot;invalid_token&quot;, error_description=&quot;…&quot;</code> ;
        </li>
        <li>
          compte non habilité sur cette API : 403, <code>Bearer error=&quot;insufficient_scope&quot;</code>.
        </li>
      </ul>
      <p>
        Clé de signature : créée au premier usage (RSA 2048 bits, clé privée chiffrée en base) ; la commande{" "}
        <code>npm run oauth:rotate-key</code> en crée une nouvelle, l&apos;ancienne reste publiée tant que ses{" "}
        <code>id_token</code> sont valides.
      </p>
    </section>
  );
}
