// Package phrases rewrites text phrase by phrase with an ordered list of
// regular expressions: how the checks' English descriptions, composed
// around labels as printed, are put into Chinese (normalize/check and
// normalize/narrative each keep their own list beside their wording). A
// phrase no rule matches is left as it is, so a new wording degrades to
// English, never to nonsense.
package phrases

import (
	"regexp"
	"strings"
)

// Rule rewrites one phrase.
type Rule struct {
	re   *regexp.Regexp
	repl string
}

// R is a rule: pattern as regexp, repl as for Regexp.ReplaceAllString
// (write ${1}, not $1, before a letter: Chinese characters are letters).
func R(pattern, repl string) Rule { return Rule{regexp.MustCompile(pattern), repl} }

// Rules apply in order: longer, more specific phrases first.
type Rules []Rule

// Apply rewrites s by every rule in turn.
func (rs Rules) Apply(s string) string {
	for _, r := range rs {
		s = r.re.ReplaceAllString(s, r.repl)
	}
	return strings.TrimSpace(s)
}
