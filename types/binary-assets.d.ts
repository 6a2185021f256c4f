/** Font files imported as their bytes: esbuild's binary loader in bundles, a transform under Jest. */
declare module '*.ttf' {
  const bytes: Uint8Array;
  export default bytes;
}
