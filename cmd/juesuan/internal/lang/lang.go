// Package lang picks the language of the human-facing text (export's
// quality sheet and messages, the HTML page, inspect's text): Chinese or
// English. Data keys (table_id, column_key, check_id) are never
// translated.
package lang

import (
	"fmt"
	"os"
	"strings"
)

// Lang is a language of the human-facing text.
type Lang string

// The languages.
const (
	ZH Lang = "zh"
	EN Lang = "en"
)

// Parse reads --lang: zh or en (zh-CN, en_US.UTF-8 and the like too).
func Parse(s string) (Lang, error) {
	switch l := strings.ToLower(s); {
	case strings.HasPrefix(l, "zh"):
		return ZH, nil
	case strings.HasPrefix(l, "en"):
		return EN, nil
	}
	return "", fmt.Errorf("--lang must be zh or en, not %q", s)
}

// FromEnv is the language of the locale, as POSIX looks it up (LC_ALL,
// then LC_MESSAGES, then LANG): Chinese for zh_*, English otherwise.
func FromEnv(getenv func(string) string) Lang {
	if getenv == nil {
		getenv = os.Getenv
	}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(k); v != "" {
			if strings.HasPrefix(strings.ToLower(v), "zh") {
				return ZH
			}
			return EN
		}
	}
	return EN
}

// T is zh or en, whichever l is.
func (l Lang) T(zh, en string) string {
	if l == ZH {
		return zh
	}
	return en
}
