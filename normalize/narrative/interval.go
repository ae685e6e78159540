package narrative

import "github.com/shopspring/decimal"

// interval holds every true value a printed figure may stand for: a figure
// printed with d decimals is anything that rounds to it, ±half its last
// digit. Sums and ratios of intervals bound what the text may state
// without being wrong, so a check fails only on certain mistakes.
type interval struct{ lo, hi decimal.Decimal }

var (
	hundred = decimal.NewFromInt(100)
	zero    = decimal.Zero
	oneHalf = decimal.New(5, -1) // a multiplication: Div is a tenth of the stage
)

// printed is the interval of a figure printed with the given decimals.
func printed(v decimal.Decimal, decimals int) interval {
	h := decimal.New(5, int32(-decimals-1))
	return interval{v.Sub(h), v.Add(h)}
}

func (a interval) add(b interval) interval { return interval{a.lo.Add(b.lo), a.hi.Add(b.hi)} }
func (a interval) sub(b interval) interval { return interval{a.lo.Sub(b.hi), a.hi.Sub(b.lo)} }
func (a interval) scale(f decimal.Decimal) interval {
	return interval{a.lo.Mul(f), a.hi.Mul(f)}
}

// percentOf is a/b×100 for positive b; ok is false when b may be 0 or less.
func (a interval) percentOf(b interval) (interval, bool) {
	if !b.lo.IsPositive() {
		return interval{}, false
	}
	lo, hi := a.lo.Div(b.hi), a.hi.Div(b.lo)
	if a.lo.IsNegative() {
		lo = a.lo.Div(b.lo)
	}
	if a.hi.IsNegative() {
		hi = a.hi.Div(b.hi)
	}
	return interval{lo.Mul(hundred), hi.Mul(hundred)}, true
}

// mid is the centre of the interval.
func (a interval) mid() decimal.Decimal { return a.lo.Add(a.hi).Mul(oneHalf) }

// half is half the interval's width.
func (a interval) half() decimal.Decimal { return a.hi.Sub(a.lo).Mul(oneHalf) }

// admits reports whether a figure printed as s (with its own rounding,
// half-open: the true value rounds to s) can stand for a value in a.
func (a interval) admits(s interval) bool {
	return s.lo.LessThanOrEqual(a.hi) && a.lo.LessThan(s.hi)
}

// certainlyLess reports whether every value of a is below every value of b.
func (a interval) certainlyLess(b interval) bool { return a.hi.LessThanOrEqual(b.lo) }
