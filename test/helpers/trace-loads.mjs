// Preloaded with `node --import` by the start-up test: writes every module the program loads, ES modules through
// a resolve hook and CommonJS through Module._load, one file URL or built-in name a line, to $SOOTHE_TRACE_LOADS.
import { appendFileSync } from "node:fs";
import Module, { register } from "node:module";
import { pathToFileURL } from "node:url";

const file = process.env.SOOTHE_TRACE_LOADS;
if (file) {
  register("./trace-loads-hooks.mjs", import.meta.url, { data: { file } });
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    const resolved = request.startsWith("node:") || Module.isBuiltin(request) ? request : Module._resolveFilename(request, parent, isMain);
    appendFileSync(file, `${resolved.startsWith("/") ? pathToFileURL(resolved).href : resolved}\n`);
    return load.apply(this, [request, parent, isMain]);
  };
}
