// Every suite, in run order. The engine suite goes first: it checks the pre-init probe and
// leaves the SIMD build loaded.
import './engine.test.js';
import './vector.test.js';
import './exp-log.test.js';
import './logsumexp.test.js';
import './distances.test.js';
import './linalg.test.js';
import './random-sort.test.js';
import './memory.test.js';
import './ot-sinkhorn.test.js';
import './ot-unbalanced.test.js';
import './ot-misc.test.js';
import './ot-errors.test.js';
import './kde-peers.test.js';
import './kde-features.test.js';
import './kde-grid.test.js';
import './kde-errors.test.js';
import './poly-fit.test.js';
import './poly-features.test.js';
import './poly-errors.test.js';
import './poly-classifier.test.js';
import './bcd-enet.test.js';
import './bcd-logistic.test.js';
import './bcd-group-errors.test.js';
import './bcd-robustness.test.js';
import './determinism.test.js';
