package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDidYouMean: a mistyped command or flag is answered with the one
// meant, exit 2.
func TestDidYouMean(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"conver", "x.pdf"}, `unknown command "conver"; did you mean convert?`},
		{[]string{"exprot"}, "did you mean export?"},
		{[]string{"help", "inspcet"}, "did you mean inspect?"},
		{[]string{"convert", "--forc", "x.pdf"}, "--forc; did you mean --force?"},
		{[]string{"export", "--tabel", "T05", "x.pdf"}, "--tabel; did you mean --table?"},
		{[]string{"inspect", "--formt", "html", "x.pdf"}, "did you mean --format?"},
		{[]string{"zzzz"}, `unknown command "zzzz"` + "\n"},
	} {
		_, stderr, code := runBin(t, nil, tc.args...)
		if code != 2 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit 2 and %q", tc.args, code, stderr, tc.want)
		}
	}
	if got := closest("zzzz", []string{"convert", "export"}); got != "" {
		t.Errorf("closest(zzzz) = %q, want none", got)
	}
}

// TestQuietShortFlag: -q is --quiet, for convert and export.
func TestQuietShortFlag(t *testing.T) {
	sample := filepath.Join(fixtures, "sample.pdf")
	stdout, stderr, code := runBin(t, nil, "convert", "-q", "-o", filepath.Join(t.TempDir(), "out"), sample)
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("convert -q: exit %d, stdout %q, stderr %q; want silence", code, stdout, stderr)
	}
	narrative := filepath.Join(fixtures, "sh2024_chromium_narrative.pdf")
	_, stderr, code = runBin(t, nil, "export", "-q", "-o", filepath.Join(t.TempDir(), "x.xlsx"), narrative)
	if code != 0 || stderr != "" {
		t.Errorf("export -q: exit %d, stderr %q; want silence for an ok report", code, stderr)
	}
}

// TestConvertWarnsOfAFolderWithoutPDF, and prints no summary that looks
// like a finished run before a fatal error.
func TestConvertWarnsOfAFolderWithoutPDF(t *testing.T) {
	empty := t.TempDir()
	os.WriteFile(filepath.Join(empty, "notes.txt"), []byte("x"), 0o644)
	_, stderr, code := runBin(t, nil, "convert", "-o", filepath.Join(t.TempDir(), "out"), empty)
	if code != 0 || !strings.Contains(stderr, "this folder holds no PDF") || !strings.Contains(stderr, empty) {
		t.Errorf("a folder without PDF: exit %d, stderr:\n%s", code, stderr)
	}

	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, []byte("x"), 0o644)
	stdout, stderr, code := runBin(t, nil, "convert", "-o", filepath.Join(file, "out"), filepath.Join(fixtures, "sample.pdf"))
	if code != 1 || stdout != "" || strings.Contains(stderr, "summary") || !strings.Contains(stderr, "juesuan: create output folder") {
		t.Errorf("OUT cannot be made: exit %d, stdout %q, stderr %q; want the error alone", code, stdout, stderr)
	}
}

// TestInspectToFile: inspect -o writes the page (or text) to a file,
// nothing on stdout.
func TestInspectToFile(t *testing.T) {
	page := filepath.Join(t.TempDir(), "r.html")
	stdout, stderr, code := runBin(t, nil, "inspect", "--format", "html", "-o", page, filepath.Join(fixtures, "sample.pdf"))
	if code != 0 || stdout != "" {
		t.Fatalf("inspect -o: exit %d, stdout %.80q, stderr %s", code, stdout, stderr)
	}
	data, err := os.ReadFile(page)
	if err != nil || !strings.HasPrefix(string(data), "<!DOCTYPE html>") {
		t.Errorf("inspect -o wrote %.80q (%v)", data, err)
	}
}

// TestInspectLang: --lang zh writes inspect's text in Chinese, en in
// English; without it the locale decides.
func TestInspectLang(t *testing.T) {
	sample := filepath.Join(fixtures, "sample.pdf")
	for _, tc := range []struct {
		env  []string
		args []string
		want string
	}{
		{[]string{"LANG=C.UTF-8"}, nil, "source   "},
		{[]string{"LANG=zh_CN.UTF-8"}, nil, "来源文件 "},
		{[]string{"LANG=zh_CN.UTF-8"}, nil, "页码：5   单位：万元"},
		{[]string{"LANG=zh_CN.UTF-8"}, []string{"--checks", "all"}, "项校验：通过 "},
		{[]string{"LANG=zh_CN.UTF-8"}, []string{"--lang", "en"}, "source   "},
		{[]string{"LANG=C"}, []string{"--lang", "zh"}, "来源文件 "},
	} {
		stdout, stderr, code := runBin(t, tc.env, append(append([]string{"inspect", "--table", "T05"}, tc.args...), sample)...)
		if code != 0 || !strings.Contains(stdout, tc.want) {
			t.Errorf("%v %v: exit %d, want %q in:\n%.300s%s", tc.env, tc.args, code, tc.want, stdout, stderr)
		}
	}
	if _, stderr, code := runBin(t, nil, "inspect", "--lang", "fr", sample); code != 2 || !strings.Contains(stderr, "zh or en") {
		t.Errorf("--lang fr: exit %d, %s", code, stderr)
	}
}

// TestVersionNamesTheCommit: the version names the commit stamped in.
func TestVersionNamesTheCommit(t *testing.T) {
	defer func(c string) { buildCommit = c }(buildCommit)
	buildCommit = "0123456789ab"
	stdout, _, err := runCmd(t, "--version")
	if err != nil || !strings.Contains(stdout, "commit 0123456789ab;") {
		t.Errorf("--version: %q (%v)", stdout, err)
	}
}
