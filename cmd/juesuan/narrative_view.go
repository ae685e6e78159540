package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/juesuan/juesuan/cmd/juesuan/internal/lang"
	"github.com/juesuan/juesuan/schema"
)

// isNarrative tells the checks of the report's text (N.*) and of the
// document's consistency (D.*).
func isNarrative(c schema.Check) bool {
	return strings.HasPrefix(c.CheckID, "N.") || strings.HasPrefix(c.CheckID, "D.")
}

// namesTable tells a narrative check compared with a figure of table id.
func namesTable(c schema.Check, id string) bool {
	return isNarrative(c) && strings.Contains(c.Location, " vs "+id+" ")
}

// shortenNarrative returns the checks with the sentence cut out of the
// location of failed narrative checks: writeNarrativeFailures prints it in
// full, beside the figure it contradicts.
func shortenNarrative(cs []schema.Check) []schema.Check {
	out := make([]schema.Check, len(cs))
	for i, c := range cs {
		if isNarrative(c) && c.Status == schema.CheckFail {
			if k := strings.Index(c.Location, " “"); k > 0 {
				c.Location = c.Location[:k] + " (sentence below)"
			}
		}
		out[i] = c
	}
	return out
}

// writeNarrativeFailures prints each failed narrative check as the
// sentence (around the stated figure) and the figure it was checked
// against, one above the other.
func writeNarrativeFailures(w io.Writer, cs []schema.Check, l lang.Lang) error {
	first := true
	label := func(zh, en string) string { return l.T(zh, en) }
	for _, c := range cs {
		if !isNarrative(c) || c.Status != schema.CheckFail {
			continue
		}
		if first {
			fmt.Fprintln(w, label("\n正文与表格、正文自身的核对（未通过）：", "\nthe text against the tables and itself (failed):"))
			first = false
		}
		head, sentence, against := splitLocation(c.Location)
		fmt.Fprintf(w, "\n%s  %s\n", c.CheckID, head)
		if sentence != "" {
			fmt.Fprintf(w, "  %s“%s”", label("原文   ", "text   "), excerpt(sentence, c.Actual))
			if c.Actual != nil {
				fmt.Fprintf(w, "  %s%s", label("所述 ", "states "), schema.FromCents(*c.Actual).StringFixed(2))
			}
			fmt.Fprintln(w)
		}
		if against != "" {
			fmt.Fprintf(w, "  %s%s", label("对照   ", "vs     "), against)
			if c.Expected != nil {
				fmt.Fprintf(w, "  %s%s (±%s)", label("应为 ", "expects "), schema.FromCents(*c.Expected).StringFixed(2), schema.FromCents(*c.Tolerance).StringFixed(2))
			}
			fmt.Fprintln(w)
		}
		if _, err := fmt.Fprintf(w, "  %s%s\n", label("核对   ", "why    "), c.Description); err != nil {
			return err
		}
	}
	return nil
}

// splitLocation cuts a narrative location "page 21 五（二） “…” vs T05 …"
// into its head, its sentence and what the figure was checked against.
func splitLocation(loc string) (head, sentence, against string) {
	i := strings.Index(loc, " “")
	if i < 0 {
		return loc, "", ""
	}
	j := strings.Index(loc[i:], "” vs ")
	if j >= 0 {
		j += i
	} else {
		j = strings.LastIndex(loc, "”")
	}
	head, sentence = loc[:i], loc[i+len(" “"):j]
	rest := strings.TrimSpace(loc[j+len("”"):])
	return head, sentence, strings.TrimPrefix(rest, "vs ")
}

// excerpt shortens a long sentence to the words around the stated figure.
func excerpt(sentence string, actual *int64) string {
	const before, after = 40, 20
	if utf8.RuneCountInString(sentence) <= before+after+10 || actual == nil {
		return sentence
	}
	v := schema.FromCents(*actual)
	at := -1
	for _, s := range []string{v.StringFixed(2), v.String()} {
		if at = strings.Index(sentence, s); at >= 0 {
			break
		}
	}
	if at < 0 {
		return sentence
	}
	rs := []rune(sentence)
	pos := utf8.RuneCountInString(sentence[:at])
	from, to := max(0, pos-before), min(len(rs), pos+after)
	out := string(rs[from:to])
	if from > 0 {
		out = "…" + out
	}
	if to < len(rs) {
		out += "…"
	}
	return out
}
