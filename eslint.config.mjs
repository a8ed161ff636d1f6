import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: ["node_modules/**", ".next/**", "generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts", ".tmp/**"],
  },
  {
    // Time: every time-dependent rule reads lib/clock.ts, never the system clock directly.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/clock.ts", "lib/zod.ts", "lib/zod-subset.ts"],
    rules: {
      "no-restricted-imports": ["error", { paths: [{ name: "zod", message: "Import { z } from lib/zod.ts (French messages)." }] }],
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Use now()/nowMs() from lib/clock.ts." },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "Use now() from lib/clock.ts." },
      ],
    },
  },
  {
    // Logs go through lib/log.ts, which redacts passwords, tokens and Authorization headers.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "lib/**/*.{ts,tsx}"],
    ignores: ["lib/log.ts", "lib/token-cli/**"],
    rules: { "no-console": "error" },
  },
];

export default config;
