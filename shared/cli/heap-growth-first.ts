// Loaded ahead of a process's own modules, so that its heaps are limited before anything else loads
// (loading the modules already grows the heap): first by bin/congruence.js, and with `node --import`
// by the benchmark's end-to-end and digest-at-scale processes.
import { limitHeapGrowth } from './heap-growth';

limitHeapGrowth();
