#!/usr/bin/env python3
"""Turns a `tmux capture-pane -e` dump into an HTML page, one <pre>, with the
SGR attributes a terminal would show: bold, dim, underline, reverse and the
8/16/256 colours. aha gets reverse video over default colours wrong, which
is how ccon draws its selection, so the screenshots use this instead."""
import html
import re
import sys

PALETTE = ["#1c1c1c", "#e03030", "#30c030", "#e0c020", "#4070e0", "#c040c0",
           "#30b0c0", "#d0d0d0", "#707070", "#ff5050", "#50ff50", "#ffff50",
           "#6090ff", "#ff60ff", "#60f0ff", "#ffffff"]
DEFAULT_FG, DEFAULT_BG = "#d0d0d0", "#101010"


def color256(n):
    if n < 16:
        return PALETTE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


class Pen:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg = self.bg = None
        self.bold = self.dim = self.under = self.rev = False

    def apply(self, params):
        p = [int(x) if x else 0 for x in params.split(";")] if params else [0]
        i = 0
        while i < len(p):
            c = p[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 4:
                self.under = True
            elif c == 7:
                self.rev = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 24:
                self.under = False
            elif c == 27:
                self.rev = False
            elif 30 <= c <= 37:
                self.fg = PALETTE[c - 30]
            elif 90 <= c <= 97:
                self.fg = PALETTE[c - 90 + 8]
            elif c == 39:
                self.fg = None
            elif 40 <= c <= 47:
                self.bg = PALETTE[c - 40]
            elif 100 <= c <= 107:
                self.bg = PALETTE[c - 100 + 8]
            elif c == 49:
                self.bg = None
            elif c in (38, 48) and i + 2 < len(p) and p[i + 1] == 5:
                if c == 38:
                    self.fg = color256(p[i + 2])
                else:
                    self.bg = color256(p[i + 2])
                i += 2
            i += 1

    def style(self):
        fg, bg = self.fg or DEFAULT_FG, self.bg or DEFAULT_BG
        if self.rev:
            fg, bg = bg, fg
        css = ["color:" + fg]
        if bg != DEFAULT_BG:
            css.append("background:" + bg)
        if self.bold:
            css.append("font-weight:bold")
        if self.dim:
            css.append("opacity:0.6")
        if self.under:
            css.append("text-decoration:underline")
        return ";".join(css)


def convert(text, css):
    pen = Pen()
    out = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>ccon</title>",
           "<style>", css, "</style></head><body><pre>"]
    for line in text.split("\n"):
        pen.reset()   # tmux starts every captured line afresh
        for part in re.split(r"(\x1b\[[0-9;]*m)", line):
            if part.startswith("\x1b["):
                pen.apply(part[2:-1])
            elif part:
                out.append("<span style='%s'>%s</span>" % (pen.style(), html.escape(part)))
        out.append("\n")
    out.append("</pre></body></html>")
    return "".join(out)


if __name__ == "__main__":
    css = open(sys.argv[1], encoding="utf-8").read() if len(sys.argv) > 1 else ""
    sys.stdout.write(convert(sys.stdin.read(), css))
