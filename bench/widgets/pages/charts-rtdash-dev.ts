/** The same page on an unminified esbuild bundle of widgets/, for readable profiles. */
import '../../../widgets/index.ts';
import './charts-rtdash.ts';
