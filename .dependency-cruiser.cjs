/**
 * The layers, as rules a wrong import breaks (`npm run check:layers`, run by .ci/run). From the bottom:
 *
 *   src/core      spec loading and types, shapes, XML and JSON codecs, the one validator, errors
 *   src/client    pipeline and policies, transport, credentials, proxy, poller, paginator, logging   → core
 *   generated/    typed models and operations, the client class                                  → client, core
 *   src/emulator  the local HTTPS emulator                               → core, generated/models (types)
 *   src/codegen   the generator                                                                   → core
 *   src/compat    the facade for the old azure package                                → generated, client, core
 *   src/cli       the asm-sdk command line (validate, operations, call, emulator)  → generated, client, core, emulator
 *   tools/        demo, benchmarks, examples, conformance: not product                → any product layer
 *   test/         every test and the reliability suites                                       → anything
 *
 * Type-only imports count (tsPreCompilationDeps), and so do cycles made of them.
 */
const layer = (name, path, allowed) => ({
  name: `${name}-depends-downward`,
  comment: `${path} may import only ${allowed.length ? allowed.join(', ') : 'itself'} (and packages)`,
  severity: 'error',
  from: { path: `^${path}/` },
  to: { path: '^(src|generated|tools|test|spec)/', pathNot: [`^${path}/`, ...allowed.map((a) => `^${a}/`)] },
});

module.exports = {
  forbidden: [
    layer('core', 'src/core', []),
    layer('client', 'src/client', ['src/core']),
    layer('generated', 'generated', ['src/client', 'src/core']),
    layer('emulator', 'src/emulator', ['src/core', 'generated']),
    layer('codegen', 'src/codegen', ['src/core']),
    layer('compat', 'src/compat', ['generated', 'src/client', 'src/core']),
    layer('cli', 'src/cli', ['generated', 'src/client', 'src/core', 'src/emulator']),
    layer('tools', 'tools', ['src', 'generated']),
    {
      name: 'emulator-uses-generated-models-only',
      comment: 'the emulator reads the spec itself; from generated/ it takes the models\' types, not the client',
      severity: 'error',
      from: { path: '^src/emulator/' },
      to: { path: '^generated/', pathNot: '^generated/(models|emulator)/' },
    },
    {
      name: 'no-cycles',
      comment: 'no module may reach itself through its imports, type-only ones included',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'generator-packages-in-codegen-only',
      comment: 'ts-morph and handlebars are build tools: nothing a consumer runs may load them',
      severity: 'error',
      from: { pathNot: '^(src/codegen|test|tools)/' },
      to: { path: 'node_modules/(ts-morph|handlebars|@ts-morph)/' },
    },
    {
      name: 'product-code-uses-no-dev-dependencies',
      comment: 'src/ and generated/ run in a consumer\'s app, where devDependencies are not installed',
      severity: 'error',
      from: { path: '^(src|generated)/', pathNot: '^src/codegen/' },
      to: { dependencyTypes: ['npm-dev'] },
    },
    {
      name: 'no-unresolvable',
      comment: 'an import that resolves to nothing is a broken build waiting to happen',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^asm-sdk(/|$)' },
    },
  ],
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules)/' },
    enhancedResolveOptions: { extensions: ['.ts', '.cts', '.js', '.cjs', '.json'] },
  },
};
