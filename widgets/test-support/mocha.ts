/**
 * Typed access to the globals @web/test-runner's mocha provides in the browser, so test files
 * type-check without declaring mocha globals for the whole project.
 */
type Done = (error?: unknown) => void;
type TestFn = (this: unknown, done: Done) => void | Promise<unknown>;
type SuiteFn = () => void;

interface MochaGlobals {
  describe: (title: string, fn: SuiteFn) => void;
  it: (title: string, fn: TestFn) => void;
  before: (fn: TestFn) => void;
  after: (fn: TestFn) => void;
  beforeEach: (fn: TestFn) => void;
  afterEach: (fn: TestFn) => void;
}

const mocha = globalThis as unknown as MochaGlobals;

export const describe: MochaGlobals['describe'] = (title, fn) => mocha.describe(title, fn);
export const it: MochaGlobals['it'] = (title, fn) => mocha.it(title, fn);
export const before: MochaGlobals['before'] = (fn) => mocha.before(fn);
export const after: MochaGlobals['after'] = (fn) => mocha.after(fn);
export const beforeEach: MochaGlobals['beforeEach'] = (fn) => mocha.beforeEach(fn);
export const afterEach: MochaGlobals['afterEach'] = (fn) => mocha.afterEach(fn);
