// Preloaded by `npm run bench` (node --require): when the process exits, writes its peak RSS (KB) and the CPU time
// it used (user + system, µs) to a file, as "<maxRSS> <cpuMicros>".
"use strict";
const file = process.env.MERIDIAN_BENCH_RSS_FILE;
if (file) {
  process.on("exit", () => {
    const u = process.resourceUsage();
    require("fs").writeFileSync(file, `${u.maxRSS} ${u.userCPUTime + u.systemCPUTime}`);
  });
}
