package schema

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// maxCents bounds DECIMAL(18,2): 18 digits in all.
const maxCents = 999_999_999_999_999_999

// Cents converts an exact decimal to the int64 cents of a DECIMAL(18,2)
// column. It fails rather than rounds when d has more than two decimals or
// does not fit: a printed figure must reach the dataset unchanged.
func Cents(d decimal.Decimal) (int64, error) {
	c := d.Shift(2)
	if !c.IsInteger() {
		return 0, fmt.Errorf("amount %s has more than 2 decimals", d)
	}
	if c.Abs().GreaterThan(decimal.NewFromInt(maxCents)) {
		return 0, fmt.Errorf("amount %s does not fit DECIMAL(18,2)", d)
	}
	return c.IntPart(), nil
}

// FromCents is the inverse of Cents.
func FromCents(c int64) decimal.Decimal { return decimal.New(c, -2) }
