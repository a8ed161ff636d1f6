import { describe, expect, it } from "vitest";
import { helpTopics, normalise, searchHelp } from "@/lib/help/topics";

describe("help topics", () => {
  it("covers every subject the console links to", () => {
    const slugs = helpTopics().map((t) => t.slug);
    for (const slug of ["comptes-api", "mot-de-passe", "statuts", "habilitations", "donnees-api", "appels-retours", "oauth", "simulateur", "testeur-et-client"]) {
      expect(slugs).toContain(slug);
    }
    expect(new Set(slugs).size).toBe(slugs.length);
  });

  it("gives curl examples for the three environments", () => {
    const oauth = helpTopics().find((t) => t.slug === "oauth")!;
    const codes = oauth.blocks.filter((b) => b.kind === "code").map((b) => (b as { text: string }).text).join("\n");
    expect(codes).toContain("https://connexion-api.douane.gouv.fr/oauth2/token");
    expect(codes).toContain("https://connexion-api-form.douane.gouv.fr/oauth2/token");
    expect(codes).toContain("/oauth2/token");
    expect(codes).toContain("grant_type=password&client_id=gun-api&scope=openid");
  });

  it("searches without accents or case, every word required, best match first", () => {
    expect(normalise("Délai ÉTÉ")).toBe("delai ete");
    expect(searchHelp("delai")[0]!.topic.slug).toBe("donnees-api");
    expect(searchHelp("MOT DE PASSE")[0]!.topic.slug).toBe("mot-de-passe");
    expect(searchHelp("triangle jaune")[0]!.topic.slug).toBe("statuts");
    expect(searchHelp("mutualisation").map((h) => h.topic.slug)).toContain("oauth");
    expect(searchHelp("récepteur de démonstration")[0]!.topic.slug).toBe("appels-retours");
    expect(searchHelp("zzzz introuvable")).toEqual([]);
    expect(searchHelp("").length).toBe(helpTopics().length);
  });
});
