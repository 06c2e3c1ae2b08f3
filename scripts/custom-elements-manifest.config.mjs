// custom-elements.json from the element classes' source and JSDoc (`npm run build:manifest`).
// The analyzer brings its own TypeScript 5 (the repo's tsc 7 has no JS API). Module paths are
// rewritten to the built files in dist/lib, the ones a package user's tools can open, and
// private members (`#fields`, `private` state) are left out: they are not the element's API.
const toBuiltPath = (path) => path.replace(/^widgets\//, 'dist/lib/widgets/').replace(/\.ts$/, '.js');

const isPublic = (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#');

export default {
  globs: ['widgets/elements/*/*.component.ts'],
  outdir: '.',
  litelement: true,
  quiet: true,
  plugins: [
    {
      name: 'rtdash: built module paths, public members only',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          module.path = toBuiltPath(module.path);
          for (const declaration of module.declarations ?? []) {
            if (declaration.members) declaration.members = declaration.members.filter(isPublic);
          }
          for (const entry of module.exports ?? []) {
            if (entry.declaration?.module) entry.declaration.module = toBuiltPath(entry.declaration.module);
          }
        }
      },
    },
  ],
};
