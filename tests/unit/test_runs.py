"""scoring.runs.leading: counts over sorted values that are the rounded pairwise test's, exactly."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_array_equal

from scoring.runs import leading


def brute(s: np.ndarray, x: np.ndarray, test) -> np.ndarray:
    """The pairwise definition: for each query, how many values pass (a prefix, by monotony)."""
    return test(x[:, None], s[None, :]).sum(axis=1)


def test_by_hand():
    """x - s > 0.25 over s = 0, 0.5, 1, 1.5: for x = 1 the values 0 and 0.5 pass (0.5 short of
    x by more than 0.25), for x = 0.25 none (0.25 - 0 is not above 0.25)."""
    s = np.array([0.0, 0.5, 1.0, 1.5])
    x = np.array([1.0, 0.25, 2.0])
    assert_array_equal(leading(s, x, x - 0.25, lambda x, sb: x - sb > 0.25), [2, 0, 4])


def test_the_test_is_called_only_inside_a_window_around_the_threshold():
    """No value within rounding of any threshold: the searches alone decide, the test is never
    called. With a value at a threshold, the test is called on that value's neighbourhood only."""
    s = np.array([0.0, 1.0, 2.0, 3.0])
    seen = []

    def test(x, sb):
        seen.append(sb.copy())
        return x - sb > 0.25

    x = np.array([1.5, 2.6])
    assert_array_equal(leading(s, x, x - 0.25, test), [2, 3])
    assert seen == []
    x = np.array([1.25])  # threshold exactly at the value 1.0: 1.25 - 1.0 > 0.25 is false
    assert_array_equal(leading(s, x, x - 0.25, test), [1])
    assert [float(v) for b in seen for v in b] == [1.0]


tenths = st.integers(-30, 30).map(lambda i: i / 10)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(tenths, min_size=1, max_size=30),
    st.lists(tenths, min_size=1, max_size=10),
    st.integers(0, 20).map(lambda i: i / 10),
    st.sampled_from([0.0, 1e6, -3e7]),
)
def test_counts_are_the_rounded_pairwise_tests(values, queries, q, offset):
    """Values on a grid of tenths (far from 0 too, where x - s rounds at 1e-10), thresholds on
    the grid: the differences that equal q in exact arithmetic fall either side by rounding,
    and `leading` must count each as the pairwise expression does, both ways round."""
    s = np.sort(np.array(values) + offset)
    x = np.array(queries) + offset
    below = lambda x, sb: x - sb > q  # noqa: E731  (passes on the smallest values)
    assert_array_equal(leading(s, x, x - q, below), brute(s, x, below))
    within = lambda x, sb: ~(sb - x > q)  # noqa: E731  (fails from x + q on)
    assert_array_equal(leading(s, x, x + q, within), brute(s, x, within))


@settings(max_examples=500, deadline=None)
@given(st.floats(1.0, 1e6), st.floats(0.3, 3.0))
def test_values_a_few_ulps_from_the_threshold_where_the_difference_rounds(x, share):
    """x - s rounds when s is far below x (q a large share of x, or more than x): values a few
    units in the last place either side of the threshold x - q pass or fail by that rounding,
    which a search for x - q alone gets wrong (found: x = 44.275..., q = 37.099..., s = 7.176...)."""
    q = x * share
    t = x - q
    s = t + np.arange(-40, 41) * abs(np.spacing(t))  # ascending (spacing is negative below 0)
    xs = np.array([x])
    below = lambda x, sb: x - sb > q  # noqa: E731
    assert_array_equal(leading(s, xs, xs - q, below), brute(s, xs, below))
