// custom-elements.json from the element classes' source and JSDoc (`npm run build:manifest`).
// The analyzer brings its own TypeScript 5 (the repo's tsc 7 has no JS API). Module paths are
// rewritten to the built files in dist/lib, the ones a package user's tools can open.
const toBuiltPath = (path) => path.replace(/^widgets\//, 'dist/lib/widgets/').replace(/\.ts$/, '.js');

export default {
  globs: ['widgets/elements/*/*.component.ts'],
  outdir: '.',
  litelement: true,
  quiet: true,
  plugins: [
    {
      name: 'rtdash: paths of the built modules',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          module.path = toBuiltPath(module.path);
          for (const entry of module.exports ?? []) {
            if (entry.declaration?.module) entry.declaration.module = toBuiltPath(entry.declaration.module);
          }
        }
      },
    },
  ],
};
