// Loaded with `node --import` ahead of a process's own modules (the benchmark's end-to-end and
// digest-at-scale processes), so that their heaps are limited as bin/congruence.js limits the CLI's:
// before anything else loads, since loading the modules already grows the heap.
import { limitHeapGrowth } from './heap-growth';

limitHeapGrowth();
