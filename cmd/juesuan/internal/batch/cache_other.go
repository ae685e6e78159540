//go:build !linux

package batch

import "os"

// dropCache has no portable equivalent outside Linux: the cache stays.
func dropCache(*os.File) {}
