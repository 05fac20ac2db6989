import { writeFileSync } from "node:fs";
import { generateClientSchema, SCHEMA_FILE } from "@/lib/api-client/generate";

writeFileSync(SCHEMA_FILE, await generateClientSchema());
console.log(`wrote ${SCHEMA_FILE.pathname}`);
