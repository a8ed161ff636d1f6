import { demoLogins } from "../prisma/demo-data";

for (const line of demoLogins()) console.log(`  ${line}`);
