/** Jest's stand-in for esbuild's binary loader: a module whose default export is the file's bytes. */
module.exports = {
  process: (_source, filename) => ({
    code: `module.exports = new Uint8Array(require('node:fs').readFileSync(${JSON.stringify(filename)}));`,
  }),
};
