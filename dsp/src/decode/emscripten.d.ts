// The decoders' Emscripten module factories, imported by path (codecs.ts).
declare module '*/EmscriptenWasm.js' {
  const factory: object;
  export default factory;
}
