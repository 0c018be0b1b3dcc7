// A fixture app for the image-builder tests: a relative TS import and a CommonJS dependency (debug)
// that needs the bundle's require shim.
import createDebug from "debug";
import { greeting } from "./greeting.js";

createDebug("molecule-ctk:fixture")("only printed with DEBUG set");
console.log(JSON.stringify({ greeting, debug: typeof createDebug }));
