// Preloaded by `npm run bench` (node --require): writes the process's peak RSS (KB) to a file when it exits.
"use strict";
const file = process.env.MERIDIAN_BENCH_RSS_FILE;
if (file) process.on("exit", () => require("fs").writeFileSync(file, String(process.resourceUsage().maxRSS)));
