// custom-elements.json from the element classes' source and JSDoc (`npm run build:manifest`).
// The analyzer brings its own TypeScript 5 (the repo's tsc 7 has no JS API). Module paths are
// rewritten to the built files in dist/lib, the ones a package user's tools can open, and
// private members (`#fields`, `private` state) are left out: they are not the element's API.
// A getter and its setter, two members of one name, become one.
const toBuiltPath = (path) => path.replace(/^widgets\//, 'dist/lib/widgets/').replace(/\.ts$/, '.js');

const isPublic = (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#');

function publicMembers(members) {
  const byKey = new Map();
  for (const member of members.filter(isPublic)) {
    const key = `${member.static ? 'static ' : ''}${member.name}`;
    const seen = byKey.get(key);
    byKey.set(key, seen ? { ...member, ...seen, description: seen.description ?? member.description, type: seen.type ?? member.type } : member);
  }
  return [...byKey.values()];
}

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
            if (declaration.members) declaration.members = publicMembers(declaration.members);
          }
          for (const entry of module.exports ?? []) {
            if (entry.declaration?.module) entry.declaration.module = toBuiltPath(entry.declaration.module);
          }
        }
      },
    },
  ],
};
