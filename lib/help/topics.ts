/**
 * The console's help ("Aide"), written from SPEC.md as data so it can be searched server-side
 * and linked from the places it explains (/aide/<slug>#<anchor>). Inline `code` spans use backticks.
 */
import { PASSWORD_MIN_LENGTH, PASSWORD_RULES } from "../accounts/password-rules";
import { STATUS_LABELS } from "../habilitations/status";
import { CLIENT_ID, SCOPE, consoleBaseUrl, environments, simulatorEndpoints } from "../oauth/environments";
import { ACCESS_TOKEN_TTL_S, REFRESH_CHAIN_MAX_S, REFRESH_TOKEN_TTL_S } from "../oauth/tokens";
import { ID_TOKEN_TTL_S } from "../oauth/signing-keys";
import { OAUTH_LOCKOUT } from "../rate-limit/rules";
import { SIMULATED_APIS } from "../oauth/resource";
import { CALLBACK_SAMPLES, makeReference } from "../callbacks/messages";
import {
  CALLBACK_TIMEOUT_MS,
  MAX_SENDS_PER_MINUTE,
  RECEIVER_BAD_TOKEN_LIMIT,
  RECEIVER_KEEP_PER_ACCOUNT,
  RECEIVER_MAX_BODY_BYTES,
  RECEIVER_PREFIX,
  SNIPPET_BYTES,
} from "../callbacks/limits";

export type HelpBlock =
  | { kind: "h"; text: string; id?: string }
  | { kind: "p"; text: string }
  | { kind: "ul"; items: string[] }
  | { kind: "code"; text: string; label: string }
  | { kind: "table"; caption: string; head: string[]; rows: string[][] };

export type HelpTopic = { slug: string; title: string; summary: string; keywords: string[]; blocks: HelpBlock[] };

const minutes = (ms: number) => `${ms / 60_000} min`;

function tokenCurl(tokenUrl: string, username = "VOTRE_IDENTIFIANT"): string {
  return [
    `curl -s -X POST '${tokenUrl}' \\`,
    "  -H 'Accept: application/json' \\",
    "  -H 'Content-Type: application/x-www-form-urlencoded' \\",
    `  -d 'grant_type=password&client_id=${CLIENT_ID}&scope=${SCOPE}' \\`,
    `  --data-urlencode 'username=${username}' \\`,
    "  --data-urlencode \"password=$MOT_DE_PASSE\"",
  ].join("\n");
}

/** An example message of each API, as sent by "Envoyer un appel retour de test" (fixed instant and reference). */
function callbackExamples(): HelpBlock[] {
  const at = new Date("2026-03-12T13:05:00Z");
  const random = Uint8Array.from({ length: 32 }, (_, i) => (i * 11 + 5) % 36);
  return Object.entries(CALLBACK_SAMPLES).map(([code, sample]) => ({
    kind: "code" as const,
    label: `${sample.label} — POST <url active>${sample.pathTemplate}`,
    text: JSON.stringify(sample.body({ reference: makeReference(at, sample.referenceRandomLength, random), at, identifiant: "H7_API", apiCode: code }), null, 2),
  }));
}

export function helpTopics(): HelpTopic[] {
  const env = environments();
  const sim = simulatorEndpoints();
  return [
    {
      slug: "comptes-api",
      title: "Créer et gérer un compte API",
      summary: "Le compte technique qu'utilise votre logiciel : un par SIRET, créé par un correspondant entreprise.",
      keywords: ["compte", "identifiant", "email", "siret", "création", "ajouter", "liste"],
      blocks: [
        {
          kind: "p",
          text: "Un compte API est un compte douane.gouv technique : votre logiciel l'utilise pour obtenir des jetons OAuth 2.0 et appeler les API de la douane. Menu COMPTES API, puis « + Ajouter un compte API ».",
        },
        { kind: "h", text: "Le formulaire « Création d'un compte API »", id: "formulaire" },
        {
          kind: "ul",
          items: [
            "Identifiant : le nom de connexion du compte, unique (la casse ne compte pas : `API-Demo` et `api-demo` sont le même identifiant).",
            "Email : une adresse dédiée au compte ; elle reçoit les notifications de modification et d'incident.",
            "Siret : choisi parmi les SIRET sur lesquels vous êtes habilité. Un seul compte API par SIRET : un SIRET qui a déjà son compte est proposé grisé, avec le nom de ce compte.",
            "Mot de passe et Contrôle du mot de passe : voir la règle du mot de passe.",
          ],
        },
        {
          kind: "p",
          text: "Si le SIRET voulu n'est pas proposé, vous n'êtes pas habilité dessus : demandez à un correspondant de ce SIRET de vous nommer (menu ADMINISTRATION). Un SIRET compte 14 chiffres (SIREN 9 + NIC 5) avec une clé de contrôle (algorithme de Luhn ; La Poste, SIREN 356000000, fait exception).",
        },
        { kind: "h", text: "La liste des comptes API", id: "liste" },
        {
          kind: "p",
          text: "Colonnes : Hab. (le statut), SIRET avec la raison sociale, Identifiant, Email, Actions. Cliquez une ligne pour ouvrir le compte ; la recherche porte sur le SIRET, l'identifiant et l'email.",
        },
        { kind: "h", text: "Modifier un compte", id: "modifier" },
        {
          kind: "p",
          text: "La page du compte (« Modifiez les infos de ce compte ») permet de changer l'email (les notifications partent vers l'ancienne et la nouvelle adresse) et le mot de passe. Chaque changement est tracé dans l'historique du compte.",
        },
      ],
    },
    {
      slug: "mot-de-passe",
      title: "Règle du mot de passe",
      summary: `Au moins ${PASSWORD_MIN_LENGTH} caractères, majuscules, minuscules, chiffres et caractères spéciaux ; un changement est immédiat.`,
      keywords: ["mot de passe", "password", "majuscule", "minuscule", "chiffre", "caractère spécial", "changement", "immédiat"],
      blocks: [
        { kind: "p", text: "Le mot de passe d'un compte API doit respecter toutes ces règles, vérifiées dans le navigateur puis de nouveau par le serveur :" },
        { kind: "ul", items: PASSWORD_RULES.map((r) => r.label) },
        { kind: "h", text: "Un changement de mot de passe est immédiat", id: "changement" },
        {
          kind: "p",
          text: "Dès l'enregistrement, l'ancien mot de passe ne permet plus d'obtenir de jeton et les jetons en cours sont révoqués. Tous les systèmes qui utilisent le compte doivent basculer sur le nouveau mot de passe au même moment : la console vous le fait confirmer avant d'appliquer le changement.",
        },
      ],
    },
    {
      slug: "statuts",
      title: "Statuts des comptes (colonne « Hab. »)",
      summary: "Rouge : aucune habilitation ; jaune : données manquantes ; vert : habilité et complet.",
      keywords: ["statut", "hab", "rouge", "jaune", "vert", "pictogramme", "couleur", "manquant"],
      blocks: [
        {
          kind: "table",
          caption: "Les trois statuts d'un compte API",
          head: ["Statut", "Pictogramme", "Signification"],
          rows: [
            ["Rouge", "« ! » dans un rond rouge", `${STATUS_LABELS.red} : le compte n'est habilité sur aucune API.`],
            ["Jaune", "« ! » dans un triangle jaune", `${STATUS_LABELS.yellow} : habilité sur au moins une API, mais des données requises par une ou plusieurs de ses API manquent (la liste dit lesquelles, par exemple « DeltaH7 : url à renseigner »).`],
            ["Vert", "aucun", `${STATUS_LABELS.green} : habilité, et toutes les données requises de chaque API sont renseignées.`],
          ],
        },
        {
          kind: "p",
          text: "La couleur n'est jamais le seul signal : chaque statut est aussi écrit en toutes lettres. Une url saisie mais pas encore active compte comme renseignée. La liste des comptes se filtre par statut.",
        },
      ],
    },
    {
      slug: "habilitations",
      title: "Demandes d'habilitation",
      summary: "Demander à la douane les droits d'un compte API sur DeltaH7, Gamma2, DeltaIE ou PNTS.",
      keywords: ["habilitation", "demande", "accordée", "refusée", "retirer", "révoquer", "douane", "certification", "deltah7", "gamma2", "deltaie", "pnts"],
      blocks: [
        {
          kind: "p",
          text: "Après avoir créé un compte API, demandez son habilitation : sur la page du compte, « Demander une habilitation », choisissez une ou plusieurs API et ajoutez si besoin un message. La demande porte le SIRET de l'établissement, l'identifiant du compte et les API voulues.",
        },
        {
          kind: "ul",
          items: [
            "Envoyée : le service de certification de la douane l'examine ; vous pouvez la retirer tant qu'elle est en attente.",
            "Accordée / partiellement accordée / refusée : la douane décide API par API ; un refus est toujours motivé, et le motif est affiché sur la page du compte.",
            "Retirée : vous l'avez retirée avant la décision.",
          ],
        },
        {
          kind: "p",
          text: "Une fois une API accordée, le compte en reçoit les droits et la douane fournit la documentation (URL du serveur d'autorisation, des API, exemples). Si l'API ne demande aucune donnée, le compte passe au vert ; sinon il reste jaune jusqu'à ce que vous renseigniez ses données. La douane peut aussi révoquer une habilitation, avec un motif. Chaque étape est notifiée (menu Messages).",
        },
      ],
    },
    {
      slug: "donnees-api",
      title: "Données des API habilitées (url, token) et délai d'activation",
      summary: "L'url de vos appels retours, le token que la douane présente ; un changement d'url prend effet après un délai.",
      keywords: ["url", "token", "appel retour", "callback", "délai", "activation", "4 h", "15 min", "en attente", "contact", "modifier", "annuler"],
      blocks: [
        {
          kind: "p",
          text: "Dans la section « API habilitées » de la page du compte, chaque API accordée affiche ses données. « Modifier » ouvre les champs, « Annuler » les referme sans rien changer, « Enregistrer » les sauve. Une fois toutes les données requises saisies, le compte passe au vert.",
        },
        { kind: "h", text: "L'url", id: "url" },
        {
          kind: "ul",
          items: [
            "C'est l'adresse de base commune des points d'accès de votre système qui reçoivent les appels retours de la douane.",
            "https obligatoire (http seulement pour une adresse locale de démonstration, 127.0.0.1 ou localhost), un nom d'hôte valide, sans identifiant ni mot de passe, 2 048 caractères au plus.",
            "Son domaine doit d'abord être ouvert sur le réseau de la douane : demandez-le au contact douanier de l'API, affiché à côté du champ.",
          ],
        },
        { kind: "h", text: "Le délai d'activation d'un changement d'url", id: "delai" },
        {
          kind: "p",
          text: "Un changement d'url, le premier compris, n'est pas effectif tout de suite. Le guide de la douane parle de « 4 h au plus tard » à un endroit et de « 15 minutes » à un autre : le délai est donc propre à chaque API (4 h pour DeltaH7 et DeltaIE, 15 min pour Gamma2 et PNTS dans le catalogue de démonstration). La console affiche l'url active, l'url en attente, l'heure à laquelle elle prend effet au plus tard (heure de Paris) et un compte à rebours.",
        },
        {
          kind: "ul",
          items: [
            "Un nouveau changement remplace celui en attente et relance le délai.",
            "Un changement en attente peut être annulé ; ressaisir l'url active l'annule aussi.",
            "Planifiez le changement avec le contact douanier de l'API : les appels retours continuent d'arriver sur l'ancienne url jusqu'à l'heure indiquée.",
          ],
        },
        { kind: "h", text: "Le token", id: "token" },
        {
          kind: "p",
          text: "Le token est le jeton d'authentification que la douane présente quand elle appelle votre système (`Authorization: Bearer …`). C'est un secret : il est conservé chiffré, masqué à l'écran, et n'est affiché en clair que sur demande explicite, chaque affichage étant tracé.",
        },
        { kind: "h", text: "Tester vos appels retours", id: "appels-retours" },
        {
          kind: "p",
          text: "« Envoyer un appel retour de test » envoie, comme la douane, un POST avec un message d'exemple à l'url active de l'API, avec le token en `Authorization: Bearer`. Pour une démonstration sur une seule machine, utilisez le récepteur de démonstration de la console comme url. Détails : sujet « Appels retours de test et récepteur de démonstration ».",
        },
      ],
    },
    {
      slug: "appels-retours",
      title: "Appels retours de test et récepteur de démonstration",
      summary: "Envoyer, comme la douane, un appel retour d'essai à l'url active d'une API ; montrer la boucle complète sur une seule machine.",
      keywords: ["appel retour", "appels retours", "callback", "test", "essai", "récepteur", "recepteur-demo", "démonstration", "bearer", "mrn", "arc", "redirection", "privée", "loopback"],
      blocks: [
        {
          kind: "p",
          text: "« Envoyer un appel retour de test » (sur la carte d'une API habilitée, page du compte, ou dans le menu DOUANE sur une demande d'habilitation) envoie, comme le ferait la douane, un `POST` à l'url active de l'API suivie du chemin du message, avec le token enregistré en `Authorization: Bearer <token>` et un message JSON d'essai (`\"essai\": true`). Une confirmation montre l'adresse appelée avant l'envoi.",
        },
        { kind: "h", text: "Qui peut envoyer", id: "qui" },
        {
          kind: "ul",
          items: [
            "Les correspondants entreprise du SIRET du compte, pour vérifier leur système.",
            "Les agents du service de certification de la douane, pour tout compte : c'est la douane qui appelle les opérateurs.",
            "Les formateurs consultent les historiques sans envoyer.",
            `Au plus ${MAX_SENDS_PER_MINUTE} envois par personne et par minute.`,
          ],
        },
        { kind: "h", text: "Ce que la console vérifie", id: "verifications" },
        {
          kind: "ul",
          items: [
            "Avant l'envoi (rien n'est envoyé ni enregistré) : le compte est habilité sur l'API ; une url est active — une nouvelle url n'est utilisée qu'une fois son délai écoulé, et la console indique à quelle heure ; un token est enregistré.",
            "À l'envoi : les adresses privées, link-local ou réservées sont refusées, les adresses locales (loopback) aussi — sauf le récepteur de démonstration de cette console, en mode démonstration, et toute adresse locale si la console l'autorise explicitement (`OUTBOUND_ALLOW_LOOPBACK=1`) ; les formes IPv6 qui embarquent une adresse IPv4 (6to4, NAT64, Teredo…) sont refusées. Vérifié sur l'adresse écrite, sur chaque réponse DNS et sur l'adresse réellement contactée.",
            `Délai maximal ${CALLBACK_TIMEOUT_MS / 1000} s, connexion et corps compris. Aucune redirection n'est suivie : un 3xx est le résultat ; renseignez l'adresse finale comme url.`,
            "Chaque échec est expliqué : délai dépassé, nom d'hôte qui ne se résout pas (DNS), connexion refusée, erreur TLS (certificat), statut HTTP d'erreur (401 : token refusé, 404 : chemin inconnu, 5xx : erreur du système appelé).",
          ],
        },
        { kind: "h", text: "L'historique", id: "historique" },
        {
          kind: "p",
          text: `Section « Appels retours de test » du compte : date, API, URL appelée, statut HTTP, latence, ${SNIPPET_BYTES / 1024} premiers ko de la réponse, auteur. Le token n'y figure jamais (masqué même si le système appelé le renvoie) ; chaque envoi est aussi tracé dans l'historique du compte.`,
        },
        { kind: "h", text: "Messages envoyés, par API", id: "messages" },
        {
          kind: "table",
          caption: "Chemin ajouté à l'url active et contenu du message",
          head: ["API", "Chemin", "Message"],
          rows: Object.values(CALLBACK_SAMPLES).map((s) => [s.label, `\`${s.pathTemplate}\``, `${s.summary} {ref} : ${s.referenceLabel}, tirée au hasard.`]),
        },
        ...callbackExamples(),
        { kind: "h", text: "Le récepteur de démonstration", id: "recepteur" },
        {
          kind: "p",
          text: "Pour montrer la boucle complète sur une seule machine, la console joue aussi le système de l'opérateur (en mode démonstration, `DEMO_MODE=1`, comme le lance la commande de démonstration). Mettez comme url de l'API l'adresse affichée à côté du champ url (« Pour une démo sur cette machine, utilisez … ») ; sa forme est :",
        },
        { kind: "code", label: "Url d'une API pour le récepteur de démonstration", text: `${consoleBaseUrl()}${RECEIVER_PREFIX}/<id du compte API>/<dh7 | gamma2 | deltaie | pnts>` },
        {
          kind: "ul",
          items: [
            "200 avec un accusé de réception JSON (`\"statut\": \"RECU\"`) quand le token présenté est celui enregistré pour ce compte et cette API (comparaison en temps constant).",
            "401 avec `WWW-Authenticate: Bearer realm=\"recepteur-demo\"` sans token, ou `error=\"invalid_token\"` si le token ne correspond pas — un tel appel n'est jamais enregistré ; après " +
              `${RECEIVER_BAD_TOKEN_LIMIT.maxFailures} tokens faux en ${minutes(RECEIVER_BAD_TOKEN_LIMIT.windowMs)} depuis une même adresse : 429 avec \`Retry-After\` pour cette adresse seulement (les vrais appels retours de la console ne sont pas bloqués).`,
            `404 pour un compte ou une API inconnus, 405 pour une autre méthode que POST, 413 au-delà de ${RECEIVER_MAX_BODY_BYTES / 1024} ko, 400 si le corps n'est pas du JSON.`,
            `Ce qu'il reçoit avec le bon token (date, chemin, ${SNIPPET_BYTES / 1024} premiers ko du message — jamais le token) s'affiche sur la page du compte, « Reçus par le récepteur de démonstration » ; les ${RECEIVER_KEEP_PER_ACCOUNT} derniers appels par compte sont gardés.`,
          ],
        },
      ],
    },
    {
      slug: "oauth",
      title: "Paramètres OAuth 2.0 et environnements",
      summary: "URL du jeton par environnement, client_id gun-api, scope openid, requête et réponse, exemples curl.",
      keywords: ["oauth", "jeton", "token", "curl", "client_id", "gun-api", "scope", "openid", "formation", "production", "simulateur", "bearer", "expires_in", "refresh", "id_token", "ntp", "mutualisation"],
      blocks: [
        {
          kind: "p",
          text: `Votre logiciel obtient un jeton par le flux OAuth 2.0 « Resource Owner Password Credentials » (RFC 6749 §4.3) avec l'identifiant et le mot de passe du compte API. \`client_id\` vaut toujours \`${CLIENT_ID}\`, \`scope\` toujours \`${SCOPE}\`.`,
        },
        {
          kind: "table",
          caption: "URL par environnement",
          head: ["Environnement", "URL du jeton", "Base des API"],
          rows: Object.values(env).map((e) => [e.label, e.tokenUrl, e.apiBaseUrl]),
        },
        { kind: "h", text: "La requête", id: "requete" },
        {
          kind: "p",
          text: "`POST /oauth2/token` avec `Accept: application/json` et `Content-Type: application/x-www-form-urlencoded`, corps `grant_type=password&client_id=gun-api&scope=openid&username=…&password=…`.",
        },
        { kind: "code", label: "Simulateur (cette console)", text: tokenCurl(env.simulateur.tokenUrl, "api-demo-1") },
        { kind: "code", label: "Formation", text: tokenCurl(env.formation.tokenUrl) },
        { kind: "code", label: "Production", text: tokenCurl(env.production.tokenUrl) },
        { kind: "h", text: "La réponse", id: "reponse" },
        {
          kind: "ul",
          items: [
            `Succès : HTTP 200 et un objet JSON avec \`access_token\` (chaîne opaque), \`expires_in\` (entier, ${ACCESS_TOKEN_TTL_S} secondes), \`token_type\` (« Bearer »), \`refresh_token\` et \`id_token\` (un JWT qui porte l'identité du compte : \`sub\` = l'identifiant, \`aud\` = [\"gun-api\"], \`acr\` = « loa-2 »).`,
            "Échec : HTTP 400 avec `error` (`invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`, `unsupported_grant_type`, `invalid_scope`) et éventuellement `error_description`. Tout autre statut est aussi une erreur.",
          ],
        },
        { kind: "h", text: "Appeler une API", id: "appel" },
        {
          kind: "p",
          text: "Chaque appel porte `Authorization: Bearer <access_token>` (RFC 6750 §2.1). Jeton valide : 200. Jeton invalide ou expiré : un statut 4xx avec un en-tête `WWW-Authenticate`, par exemple `401` et `Bearer error=\"invalid_token\"`.",
        },
        { kind: "code", label: "Appel d'une API simulée", text: `curl -i '${env.simulateur.apiBaseUrl}/dh7/declarations' \\\n  -H "Authorization: Bearer $ACCESS_TOKEN"` },
        { kind: "h", text: "Bonnes pratiques exigées par la douane", id: "pratiques" },
        {
          kind: "ul",
          items: [
            `Un jeton vit ${ACCESS_TOKEN_TTL_S / 60} minutes et sert pour toutes les API du compte et de nombreuses requêtes : réutilisez-le tant qu'il est valide.`,
            "Ne le renouvelez que lorsqu'il a expiré ou a été rejeté (une marge de sécurité avant l'expiration est admise) ; ne redemandez jamais un jeton valide sans besoin.",
            "Sous forte charge, partagez un seul jeton entre les requêtes (« mutualisation du jeton »).",
            "Synchronisez les horloges de vos serveurs (NTP).",
          ],
        },
      ],
    },
    {
      slug: "simulateur",
      title: "Le simulateur OAuth 2.0 et les API simulées",
      summary: "Le côté douane embarqué dans la console : serveur de jetons, découverte, JWKS, API simulées.",
      keywords: ["simulateur", "jwks", "openid-configuration", "découverte", "api simulée", "example", "dh7", "gamma2", "deltaie", "pnts", "429", "rotation"],
      blocks: [
        {
          kind: "p",
          text: "La console joue aussi le côté douane : un serveur d'autorisation OAuth 2.0 et des API qui se comportent comme les vraies. Un client OAuth 2.0 standard s'y connecte exactement comme au serveur de la douane ; seules les URL changent.",
        },
        {
          kind: "ul",
          items: [
            `Jeton : \`${sim.tokenEndpoint}\` (mot de passe et \`refresh_token\`).`,
            `Découverte : \`${sim.discoveryUrl}\` ; clés publiques (JWKS) : \`${sim.jwksUri}\`.`,
            `\`id_token\` signé RS512, valable ${ID_TOKEN_TTL_S / 3600} h ; un \`refresh_token\` sert une seule fois, vit ${REFRESH_TOKEN_TTL_S / 3600} h et jamais plus de ${REFRESH_CHAIN_MAX_S / 3600} h après l'authentification par mot de passe.`,
            "Un changement de mot de passe ou la suppression du compte révoque immédiatement tous ses jetons.",
            `Après ${OAUTH_LOCKOUT.pair.maxFailures} échecs en ${minutes(OAUTH_LOCKOUT.pair.windowMs)} pour un identifiant depuis une même adresse, ou ${OAUTH_LOCKOUT.client.maxFailures} depuis une même adresse tous identifiants confondus, cette adresse reçoit 429 avec \`Retry-After\`. Au-delà de ${OAUTH_LOCKOUT.subject.maxFailures} échecs pour un identifiant toutes adresses confondues, seules les adresses qui ont elles-mêmes échoué sont refusées : le logiciel du titulaire, qui n'a pas échoué, obtient toujours ses jetons.`,
            "La commande `npm run oauth:rotate-key` crée une nouvelle clé de signature ; l'ancienne reste publiée tant que ses jetons sont valides.",
          ],
        },
        { kind: "h", text: "API simulées", id: "api" },
        {
          kind: "ul",
          items: [
            `\`${sim.exampleApiUrl}\` (GET) : 200 pour tout jeton valide.`,
            ...SIMULATED_APIS.map((api) => `${api.name} : \`${env.simulateur.apiBaseUrl}/${api.pathPrefix}/…\` — 200 si le compte est habilité sur ${api.name}, sinon 403 \`insufficient_scope\`.`),
            "Sans en-tête `Authorization` : 401 et `WWW-Authenticate: Bearer realm=\"…\"` ; jeton inconnu, expiré ou révoqué : 401 `Bearer error=\"invalid_token\"`.",
          ],
        },
        { kind: "code", label: "Renouveler avec le refresh_token", text: `curl -s -X POST '${sim.tokenEndpoint}' \\\n  -H 'Content-Type: application/x-www-form-urlencoded' \\\n  -d 'grant_type=refresh_token&client_id=${CLIENT_ID}' -d "refresh_token=$REFRESH_TOKEN"` },
        { kind: "h", text: "L'échange DeltaH7 : déclaration, puis appel retour de la douane", id: "echange-dh7" },
        {
          kind: "p",
          text: `\`POST ${env.simulateur.apiBaseUrl}/dh7/declarations/creer\` (jeton d'un compte habilité sur DeltaH7) avec un message \`Creation_H7\` en JSON. Réponse immédiate : 202 et un accusé de réception (\`messageId\`, \`lrn\`, \`customsDeclarationReference\`, \`receivedAt\`, \`status: "RECEIVED"\`). Puis la douane appelle le système de l'opérateur à l'url **active** de DeltaH7, avec le token de DeltaH7 en \`Authorization: Bearer …\` : \`{url}/declarations/{customsDeclarationReference}/reponses\` avec une \`Response_H7\` (\`state: "ACC"\`, MRN, droits et taxes), ou \`{url}/declarations/erreurs\` avec une \`Error_H7\` (LRN déjà utilisé : \`H7_NAT_000\`). Un message mal formé est refusé tout de suite : 400 et une \`Error_H7\` de type \`TECHNICAL\`.`,
        },
        {
          kind: "ul",
          items: [
            "Suit la spécification publique « DELTA H7 API » (v0.3.0) : les noms des messages (Creation_H7, Response_H7, Error_H7), les champs de la déclaration qu'elle nomme — `messageDateTime` (AAAA-MM-DDThh:mm:ss[décalage][ZoneID]), `messageId`, `lrn` (22 caractères au plus), `declarationType` (IM | CO), `additionalDeclarationType` (A | D), `clearanceAgreementNumber` (8 au plus), les bureaux de douane —, les chemins des appels retours et les champs d'erreur (`errorType`, `errorCode`, `errorPointer`, `errorDescription`).",
            "Choix du simulateur : la forme de l'accusé de réception ; les formats de `customsDeclarationReference` (année + FR + 12) et du MRN (18 caractères) ; les noms `customsOfficeOfLodgement` (obligatoire) et `customsOfficeOfPresentation` ; `totalAmountInvoiced` (facultatif) et des taxes calculées simplement (TVA 20 %, pas de droits de douane) ; toute déclaration bien formée à LRN nouveau est acceptée ; aucun champ inconnu n'est admis.",
            "Livraison : réessais après 5 s, 30 s, 2 min et 10 min sur une erreur réseau ou un 5xx, puis « en échec » ; un 4xx du système de l'opérateur est un refus : en échec tout de suite. Chaque tentative figure dans l'historique des appels retours du compte (heure, url, statut, durée, numéro de tentative ; jamais le token).",
            "Invalidation : `POST …/dh7/demandes/invalider` (`messageDateTime`, `messageId`, `customsDeclarationReference`, `justification`) → 202 et un `customsRequestReference` ; puis `{url}/demandes/{customsRequestReference}/enregistrement` (demande enregistrée, `state: \"ENR\"`) et, un instant après, `{url}/declarations/{customsDeclarationReference}/reponses` avec `state: \"INV\"`. Une déclaration déjà invalidée : `Error_H7` `H7_NAT_001` ; une référence inconnue : 404. Les noms des champs de la demande sont ceux du simulateur.",
            "Pendant un changement d'url en attente, les appels retours vont encore à l'ancienne url active, jusqu'à l'heure d'effet du changement.",
            "Parcours de certification : pour un compte habilité à DeltaH7, l'étape « Échange DeltaH7 complet » est cochée quand une `Response_H7` à une déclaration a été remise en 2xx (par votre système ou le récepteur de démonstration) ; une `Error_H7` seule ne suffit pas, et une réponse en échec l'indique avec « Renvoyer ».",
          ],
        },
      ],
    },
    {
      slug: "testeur-et-client",
      title: "Tester l'obtention d'un jeton, le client de jeton et la ligne de commande",
      summary: "Le testeur de la console, la bibliothèque cliente qui mutualise le jeton, et la commande douane-token.",
      keywords: ["testeur", "tester", "client", "bibliothèque", "cli", "douane-token", "npm run token", "single flight", "mutualisation", "horloge", "décalage"],
      blocks: [
        {
          kind: "p",
          text: "Le testeur (menu « Testeur de jeton », ou « Tester l'obtention d'un jeton » sur un compte) envoie la requête de jeton depuis le serveur de la console vers l'environnement choisi et montre, étape par étape : la requête en curl (mot de passe masqué), le statut et la latence, la conformité de la réponse, l'`id_token` décodé et sa signature, le rafraîchissement, un appel authentifié et le décalage d'horloge. Le mot de passe n'est jamais conservé.",
        },
        { kind: "h", text: "Le client de jeton (Node.js)", id: "client" },
        {
          kind: "p",
          text: "La bibliothèque `lib/oauth-client` applique les règles de la douane : elle réutilise le jeton tant qu'il est valide, le renouvelle avant expiration (marge de 30 s par défaut), ne fait qu'une seule requête de jeton quel que soit le nombre d'appels simultanés, et sur un 401 `invalid_token` renouvelle le jeton puis réessaie une seule fois.",
        },
        {
          kind: "code",
          label: "Utilisation",
          text: [
            'import { TokenClient } from "./lib/oauth-client";',
            "",
            "const client = new TokenClient({",
            `  tokenUrl: "${env.formation.tokenUrl}",`,
            '  username: "MON_COMPTE_API",',
            "  password: process.env.DOUANE_PASSWORD!,",
            "});",
            'const response = await client.fetch("https://api-form.douane.gouv.fr/…");',
          ].join("\n"),
        },
        { kind: "h", text: "En ligne de commande", id: "cli" },
        {
          kind: "code",
          label: "Obtenir un jeton (le mot de passe est lu sur l'entrée standard ou dans DOUANE_PASSWORD)",
          text: "npm run token -- get --env simulateur --username api-demo-1",
        },
      ],
    },
  ];
}

/** Lower case without accents, for search. */
export function normalise(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function topicText(topic: HelpTopic): string {
  return topic.blocks
    .map((b) => {
      switch (b.kind) {
        case "h":
        case "p":
        case "code":
          return b.text;
        case "ul":
          return b.items.join(" ");
        case "table":
          return [b.caption, ...b.head, ...b.rows.flat()].join(" ");
      }
    })
    .join(" ");
}

export type HelpHit = { topic: HelpTopic; score: number; excerpt: string | null };

const STOP_WORDS = new Set(["de", "du", "des", "la", "le", "les", "un", "une", "et", "en", "au", "aux", "a", "l", "d", "un", "pour", "sur"]);

/** Every word of the query must appear in the topic; title and keywords weigh more than the text. */
export function searchHelp(query: string, topics: HelpTopic[] = helpTopics()): HelpHit[] {
  const phrase = normalise(query).trim();
  const words = phrase.split(/[\s'’]+/).filter((w) => w.length > 1 && !STOP_WORDS.has(w)).slice(0, 8);
  if (words.length === 0) return topics.map((topic) => ({ topic, score: 0, excerpt: null }));
  const hits: HelpHit[] = [];
  for (const topic of topics) {
    const title = normalise(topic.title);
    const keywords = normalise(topic.keywords.join(" "));
    const raw = topicText(topic);
    const text = normalise(raw);
    if (!words.every((w) => title.includes(w) || keywords.includes(w) || text.includes(w))) continue;
    const score =
      (title.includes(phrase) ? 10 : 0) +
      (keywords.includes(phrase) ? 6 : 0) +
      words.reduce((s, w) => s + (title.includes(w) ? 5 : 0) + (keywords.includes(w) ? 3 : 0) + Math.min(3, text.split(w).length - 1), 0);
    const at = text.indexOf(words[0]!);
    const excerpt = at >= 0 ? `${at > 60 ? "…" : ""}${raw.slice(Math.max(0, at - 60), at + 140).replace(/`/g, "")}…` : null;
    hits.push({ topic, score, excerpt });
  }
  return hits.sort((a, b) => b.score - a.score);
}
