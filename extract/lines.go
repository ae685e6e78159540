package extract

import "math"

const (
	// axisTolerance is how far (points) a segment's ends may differ across
	// its direction and still count as horizontal or vertical.
	axisTolerance = 0.5
	// thinFill is the largest thickness of a filled shape taken as a rule.
	thinFill = 2.0
	// minSegment drops degenerate strokes (dots, zero-length segments).
	minSegment = 0.1
)

type point struct{ x, y float64 }

type subpath struct {
	start, end int // points[start:end]
	closed     bool
}

// pathBuilder accumulates the current path in page space (the CTM is
// applied when a point is added, as the PDF model requires).
type pathBuilder struct {
	points []point
	subs   []subpath
	curves bool // c/v/y seen: glyph outlines and decorations, never rules
}

func (p *pathBuilder) reset() {
	p.points = p.points[:0]
	p.subs = p.subs[:0]
	p.curves = false
}

func (p *pathBuilder) moveTo(x, y float64) {
	if n := len(p.subs); n > 0 && p.subs[n-1].end-p.subs[n-1].start == 1 {
		// A lone moveto followed by another: replace it.
		p.points[len(p.points)-1] = point{x, y}
		return
	}
	p.points = append(p.points, point{x, y})
	p.subs = append(p.subs, subpath{start: len(p.points) - 1, end: len(p.points)})
}

func (p *pathBuilder) lineTo(x, y float64) {
	if len(p.subs) == 0 || p.subs[len(p.subs)-1].closed {
		// lineto after closepath continues from the subpath's start point.
		var start point
		if n := len(p.subs); n > 0 {
			start = p.points[p.subs[n-1].start]
		}
		p.moveTo(start.x, start.y)
	}
	p.points = append(p.points, point{x, y})
	p.subs[len(p.subs)-1].end = len(p.points)
}

func (p *pathBuilder) curveTo(x, y float64) {
	p.curves = true
	p.lineTo(x, y)
}

func (p *pathBuilder) closePath() {
	if n := len(p.subs); n > 0 {
		p.subs[n-1].closed = true
	}
}

// paint handles a path-painting operator: strokes become ruling segments,
// thin fills become their centre line, everything else is ignored.
func (in *interp) paint(op string) {
	p := &in.path
	defer p.reset()
	if p.curves {
		return
	}
	stroke := op == "S" || op == "s" || op[0] == 'B' || op[0] == 'b'
	fill := op != "S" && op != "s"
	closeAll := op == "s" || op == "b" || op == "b*"
	if stroke && !in.gs.strokeWhite {
		width := in.gs.lineWidth * in.gs.ctm.scale()
		for _, sp := range p.subs {
			pts := p.points[sp.start:sp.end]
			for i := 1; i < len(pts); i++ {
				in.addSegment(pts[i-1], pts[i], width)
			}
			if (sp.closed || closeAll) && len(pts) > 2 {
				in.addSegment(pts[len(pts)-1], pts[0], width)
			}
		}
	}
	if fill && !in.gs.fillWhite {
		for _, sp := range p.subs {
			in.addThinFill(p.points[sp.start:sp.end])
		}
	}
}

// addThinFill adds the centre line of a filled axis-aligned shape that is
// at most thinFill thick; larger fills are cell backgrounds.
func (in *interp) addThinFill(pts []point) {
	if len(pts) < 3 {
		return
	}
	minX, minY, maxX, maxY := pts[0].x, pts[0].y, pts[0].x, pts[0].y
	for i, q := range pts {
		prev := pts[(i+len(pts)-1)%len(pts)]
		if math.Abs(q.x-prev.x) > axisTolerance && math.Abs(q.y-prev.y) > axisTolerance {
			return // slanted edge: not a rule
		}
		minX, maxX = math.Min(minX, q.x), math.Max(maxX, q.x)
		minY, maxY = math.Min(minY, q.y), math.Max(maxY, q.y)
	}
	w, h := maxX-minX, maxY-minY
	switch {
	case h <= thinFill && w > h:
		y := (minY + maxY) / 2
		in.addSegment(point{minX, y}, point{maxX, y}, h)
	case w <= thinFill && h > w:
		x := (minX + maxX) / 2
		in.addSegment(point{x, minY}, point{x, maxY}, w)
	}
}

// addSegment records a horizontal or vertical segment, clipped to the page.
func (in *interp) addSegment(a, b point, width float64) {
	pg := in.page
	var s Segment
	switch {
	case math.Abs(a.y-b.y) <= axisTolerance:
		y := (a.y + b.y) / 2
		s = Segment{X0: math.Min(a.x, b.x), X1: math.Max(a.x, b.x), Y0: y, Y1: y}
		if y < 0 || y > pg.Height {
			return
		}
		s.X0, s.X1 = math.Max(s.X0, 0), math.Min(s.X1, pg.Width)
		if s.X1-s.X0 < minSegment {
			return
		}
	case math.Abs(a.x-b.x) <= axisTolerance:
		x := (a.x + b.x) / 2
		s = Segment{X0: x, X1: x, Y0: math.Min(a.y, b.y), Y1: math.Max(a.y, b.y)}
		if x < 0 || x > pg.Width {
			return
		}
		s.Y0, s.Y1 = math.Max(s.Y0, 0), math.Min(s.Y1, pg.Height)
		if s.Y1-s.Y0 < minSegment {
			return
		}
	default:
		return
	}
	s.Width = width
	pg.Lines = append(pg.Lines, s)
}
