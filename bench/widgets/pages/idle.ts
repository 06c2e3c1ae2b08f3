/** Baseline: the recorder on an empty page, to show the headless browser's own frame pacing. */
import { expose } from './probe.ts';

expose(Promise.resolve());
