package main

import (
	"flag"
	"regexp"
	"slices"
	"strings"
)

// closest is the candidate nearest to word by edit distance, if it is
// near enough to be a typo (at most a third of the word, at least one
// edit), or one the word begins; "" otherwise.
func closest(word string, candidates []string) string {
	best, bestD := "", 0
	for _, c := range candidates {
		d := editDistance(word, c)
		if best == "" || d < bestD {
			best, bestD = c, d
		}
	}
	if best != "" && bestD <= max(1, len([]rune(word))/3) {
		return best
	}
	for _, c := range candidates {
		if len(word) >= 2 && strings.HasPrefix(c, word) {
			return c
		}
	}
	return ""
}

// editDistance is the optimal string alignment distance of a and b, by
// runes: insertions, deletions, substitutions and swaps of two
// neighbours (tabel for table) cost one each.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// unknownFlag finds the flag in the flag package's message for an
// undefined one ("flag provided but not defined: -forc").
var unknownFlag = regexp.MustCompile(`^flag provided but not defined: -+(\S+)$`)

// suggestFlag adds "did you mean --force?" to a message about an
// undefined flag close to one of fs's.
func suggestFlag(fs *flag.FlagSet, msg string) string {
	m := unknownFlag.FindStringSubmatch(msg)
	if m == nil {
		return msg
	}
	var names []string
	fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
	name, _, _ := strings.Cut(m[1], "=")
	if c := closest(name, names); c != "" {
		return msg + "; did you mean " + flagName(c) + "?"
	}
	return msg
}

// suggestCommand adds "did you mean convert?" to an unknown command.
func suggestCommand(cmd string) string {
	names := make([]string, 0, len(commands)+1)
	for n := range commands {
		names = append(names, n)
	}
	names = append(names, "help")
	slices.Sort(names)
	if c := closest(strings.TrimLeft(cmd, "-"), names); c != "" {
		return "; did you mean " + c + "?"
	}
	return ""
}
