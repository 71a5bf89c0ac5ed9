// The exact k-th smallest of many non-negative doubles, without sorting or partitioning all of them: RBF
// CKA's bandwidth is the median of n(n − 1)/2 squared distances (125,000 for its default 500 rows), three
// kernels per anchor click, and partitioning all of them with std::nth_element is a large share of each
// kernel's cost.
#pragma once

#include <cstddef>
#include <vector>

namespace lb {

// The value of rank k (0-based) among `values`, as std::nth_element would place it. Every value must be
// finite and >= 0 (their bit patterns then order as the values do); k < values.size(). `values` is left in
// its order. O(n): one pass for the range of bit patterns, one to count them in 4096 buckets, one to collect
// the bucket holding rank k, then nth_element on that bucket alone.
double kthSmallestNonNegative(const std::vector<double>& values, size_t k);

}  // namespace lb
