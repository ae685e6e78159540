package ocr

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/jpeg"
	"io"

	"golang.org/x/image/ccitt"

	"github.com/juesuan/juesuan/extract"
	"github.com/juesuan/juesuan/extract/pdfraw"
)

// Filters a page image may be encoded with. Others (JBIG2Decode,
// JPXDecode, LZWDecode, RunLengthDecode, ASCII filters) get an error
// naming the filter.
var supportedFilters = "FlateDecode (1, 2, 4, 8 bits, gray, RGB, CMYK or indexed, PNG and TIFF predictors), DCTDecode (JPEG) and CCITTFaxDecode (Group 3 and 4)"

// maxSamples bounds a decoded page image (a 600 dpi A3 scan is about 70
// million samples): a hostile size fails before anything is allocated.
const maxSamples = 120 << 20

// Decode turns a PDF image into 8-bit gray, 0 black, 255 white.
func Decode(img extract.Image) (*image.Gray, error) {
	if int64(img.Width)*int64(img.Height) > maxSamples {
		return nil, fmt.Errorf("a page image of %d×%d samples is too large to read", img.Width, img.Height)
	}
	data := img.Data
	for i, f := range img.Filters {
		last := i == len(img.Filters)-1
		switch f.Name {
		case "FlateDecode":
			out, err := inflate(data, int64(img.Width)*int64(img.Height)*4+1<<20)
			if err != nil {
				return nil, fmt.Errorf("page image: FlateDecode: %w", err)
			}
			data, err = unpredict(out, f.Parms)
			if err != nil {
				return nil, fmt.Errorf("page image: %w", err)
			}
		case "DCTDecode":
			if !last {
				return nil, fmt.Errorf("page image: a filter after DCTDecode")
			}
			j, err := jpeg.Decode(bytes.NewReader(data))
			if err != nil {
				return nil, fmt.Errorf("page image: DCTDecode: %w", err)
			}
			return toGray(j, img.Decode), nil
		case "CCITTFaxDecode":
			if !last {
				return nil, fmt.Errorf("page image: a filter after CCITTFaxDecode")
			}
			return decodeCCITT(data, f.Parms, img)
		default:
			return nil, fmt.Errorf("page image encoded with %s, which juesuan cannot decode (it reads %s): OCR the file with another tool first (for example `ocrmypdf -l chi_sim in.pdf out.pdf`)", f.Name, supportedFilters)
		}
	}
	return samplesToGray(data, img)
}

func inflate(data []byte, limit int64) ([]byte, error) {
	zr, err := zlib.NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	out, err := io.ReadAll(io.LimitReader(zr, limit))
	if err != nil && len(out) == 0 {
		return nil, err
	}
	// A damaged tail keeps what decoded: the missing rows stay white.
	return out, nil
}

// unpredict reverses a PNG or TIFF predictor of the Flate layer.
func unpredict(data []byte, parms map[string]int) ([]byte, error) {
	get := func(k string, def int) int64 {
		if v, ok := parms[k]; ok {
			return int64(v)
		}
		return int64(def)
	}
	return pdfraw.Unpredict(data, get("Predictor", 1), get("Colors", 1), get("BitsPerComponent", 8), get("Columns", 1))
}

// samplesToGray converts decoded samples to gray.
func samplesToGray(data []byte, img extract.Image) (*image.Gray, error) {
	w, h, bpc := img.Width, img.Height, img.BitsPerComponent
	if bpc == 0 {
		bpc = 8
	}
	comps := 1
	switch img.ColorSpace {
	case "DeviceRGB":
		comps = 3
	case "DeviceCMYK":
		comps = 4
	}
	if img.ImageMask {
		comps = 1
	}
	switch bpc {
	case 1, 2, 4, 8, 16:
	default:
		return nil, fmt.Errorf("page image with %d bits per component", bpc)
	}
	row := (w*comps*bpc + 7) / 8
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	maxv := float64(int(1)<<bpc - 1)
	invert := len(img.Decode) >= 2 && img.Decode[0] > img.Decode[1]
	sample := func(line []byte, i int) int {
		switch bpc {
		case 8:
			return int(line[i])
		case 16:
			return int(line[2*i])<<8 | int(line[2*i+1])
		}
		bit := i * bpc
		return int(line[bit/8]>>(8-bpc-bit%8)) & (1<<bpc - 1)
	}
	for y := 0; y < h && (y+1)*row <= len(data); y++ {
		line := data[y*row : (y+1)*row]
		for x := 0; x < w; x++ {
			var v float64
			switch {
			case img.ImageMask:
				// A stencil paints (black) where the sample is 0.
				s := sample(line, x)
				if (s == 0) != invert {
					v = 0
				} else {
					v = 255
				}
				g.Pix[y*g.Stride+x] = uint8(v)
				continue
			case img.ColorSpace == "Indexed":
				v = paletteGray(img, sample(line, x))
			case comps == 1:
				v = float64(sample(line, x)) / maxv * 255
			case comps == 3:
				r, gg, b := float64(sample(line, 3*x)), float64(sample(line, 3*x+1)), float64(sample(line, 3*x+2))
				v = (0.299*r + 0.587*gg + 0.114*b) / maxv * 255
			case comps == 4:
				c, m, yy, k := float64(sample(line, 4*x)), float64(sample(line, 4*x+1)), float64(sample(line, 4*x+2)), float64(sample(line, 4*x+3))
				v = 255 - min(255, (0.3*c+0.59*m+0.11*yy+k)/maxv*255)
			}
			if invert && !img.ImageMask {
				v = 255 - v
			}
			g.Pix[y*g.Stride+x] = uint8(min(max(v, 0), 255))
		}
	}
	return g, nil
}

func paletteGray(img extract.Image, i int) float64 {
	n := 1
	switch img.Base {
	case "DeviceRGB":
		n = 3
	case "DeviceCMYK":
		n = 4
	}
	if (i+1)*n > len(img.Palette) {
		return 255
	}
	p := img.Palette[i*n : (i+1)*n]
	switch n {
	case 3:
		return 0.299*float64(p[0]) + 0.587*float64(p[1]) + 0.114*float64(p[2])
	case 4:
		return 255 - min(255, 0.3*float64(p[0])+0.59*float64(p[1])+0.11*float64(p[2])+float64(p[3]))
	}
	return float64(p[0])
}

func toGray(img image.Image, decode []float64) *image.Gray {
	b := img.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	if src, ok := img.(*image.Gray); ok {
		for y := 0; y < b.Dy(); y++ {
			copy(g.Pix[y*g.Stride:y*g.Stride+b.Dx()], src.Pix[y*src.Stride:])
		}
	} else {
		for y := 0; y < b.Dy(); y++ {
			for x := 0; x < b.Dx(); x++ {
				r, gg, bb, _ := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				g.Pix[y*g.Stride+x] = uint8((299*r + 587*gg + 114*bb) / 1000 >> 8)
			}
		}
	}
	if len(decode) >= 2 && decode[0] > decode[1] {
		for i := range g.Pix {
			g.Pix[i] = 255 - g.Pix[i]
		}
	}
	return g
}

// decodeCCITT reads fax-coded bilevel data (the usual encoding of
// black-and-white scans).
func decodeCCITT(data []byte, parms map[string]int, img extract.Image) (*image.Gray, error) {
	k := parms["K"]
	sf := ccitt.Group3
	if k < 0 {
		sf = ccitt.Group4
	}
	cols := img.Width
	if c, ok := parms["Columns"]; ok && c > 0 {
		cols = c
	}
	rows := img.Height
	if r, ok := parms["Rows"]; ok && r > 0 {
		rows = r
	}
	opts := &ccitt.Options{Align: parms["EncodedByteAlign"] == 1, Invert: parms["BlackIs1"] == 1}
	g := image.NewGray(image.Rect(0, 0, cols, rows))
	if k > 0 {
		return nil, fmt.Errorf("page image: CCITTFaxDecode with mixed 1D/2D coding (K > 0) is not supported")
	}
	if err := ccitt.DecodeIntoGray(g, bytes.NewReader(data), ccitt.MSB, sf, opts); err != nil && err != io.ErrUnexpectedEOF {
		return nil, fmt.Errorf("page image: CCITTFaxDecode: %w", err)
	}
	if len(img.Decode) >= 2 && img.Decode[0] > img.Decode[1] {
		for i := range g.Pix {
			g.Pix[i] = 255 - g.Pix[i]
		}
	}
	return g, nil
}
