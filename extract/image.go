package extract

import (
	"errors"
	"fmt"
	"math"
	"reflect"

	"github.com/ledongthuc/pdf"
)

// Image is an image XObject drawn on a page, with its data still encoded:
// what OCR needs to decode and place it. Nothing here is read for a page
// with a text layer.
type Image struct {
	// Width and Height are the image's size in samples.
	Width, Height int
	// ToPage maps image space (x right, y down, in samples, 0..Width and
	// 0..Height) to page space: page = (a·x + c·y + e, b·x + d·y + f).
	ToPage [6]float64

	BitsPerComponent int
	// ColorSpace is DeviceGray, DeviceRGB or DeviceCMYK (ICCBased and
	// CalGray/CalRGB spaces are given as their device equivalent by
	// component count), or Indexed with Palette in Base.
	ColorSpace string
	Base       string // the base space of an Indexed image
	Palette    []byte // the Indexed lookup table
	ImageMask  bool   // a stencil mask: 1 bpc, painted where the sample is 0 (or 1 with Decode [1 0])
	Decode     []float64

	// Filters are the stream's filters in order, with their parameters
	// (integers and booleans only: Predictor, Colors, Columns, K,
	// BlackIs1, EncodedByteAlign, …), and Data the encoded bytes.
	Filters []Filter
	Data    []byte
}

// Filter is one stream filter with its numeric parameters (booleans as 0/1).
type Filter struct {
	Name  string
	Parms map[string]int
}

// ErrEncryptedImage is returned for image data the library decrypts on the
// fly: its encoded bytes cannot be read undecoded.
var ErrEncryptedImage = errors.New("the PDF is encrypted and its page images cannot be read undecoded")

// PageImages returns the images drawn on page p (read from this document),
// largest first. It decodes nothing: the caller (OCR) does.
func (d *Document) PageImages(p *Page) (imgs []Image, err error) {
	defer func() {
		if r := recover(); r != nil {
			imgs, err = nil, fmt.Errorf("page %d: image: %w", p.Number, panicError(r))
		}
	}()
	for _, draw := range p.imageDraws {
		img, err := d.image(draw)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", p.Number, err)
		}
		imgs = append(imgs, img)
	}
	// Largest drawn area first: a scan is one page-sized image, a logo or
	// stamp is small.
	area := func(im Image) float64 {
		m := im.ToPage
		return math.Abs(m[0]*m[3]-m[1]*m[2]) * float64(im.Width) * float64(im.Height)
	}
	for i := 1; i < len(imgs); i++ {
		for j := i; j > 0 && area(imgs[j]) > area(imgs[j-1]); j-- {
			imgs[j], imgs[j-1] = imgs[j-1], imgs[j]
		}
	}
	return imgs, nil
}

func (d *Document) image(draw imageDraw) (Image, error) {
	v := draw.v
	if v.Kind() != pdf.Stream {
		return Image{}, errors.New("an image XObject is missing or not a stream")
	}
	if !d.reader.Trailer().Key("Encrypt").IsNull() {
		return Image{}, ErrEncryptedImage
	}
	img := Image{
		Width:            int(v.Key("Width").Int64()),
		Height:           int(v.Key("Height").Int64()),
		BitsPerComponent: int(v.Key("BitsPerComponent").Int64()),
		ImageMask:        v.Key("ImageMask").Bool(),
	}
	if img.Width <= 0 || img.Height <= 0 || img.Width > 1<<15 || img.Height > 1<<15 {
		return Image{}, fmt.Errorf("an image of %d×%d samples", img.Width, img.Height)
	}
	if img.ImageMask {
		img.BitsPerComponent = 1
	}
	cs := v.Key("ColorSpace")
	img.ColorSpace, img.Base, img.Palette = colorSpace(cs, d.readStream)
	if dec := v.Key("Decode"); dec.Kind() == pdf.Array {
		for i := 0; i < dec.Len(); i++ {
			img.Decode = append(img.Decode, dec.Index(i).Float64())
		}
	}
	img.Filters = filters(v)
	data, err := rawStream(v, d.raw)
	if err != nil {
		return Image{}, err
	}
	img.Data = data
	// Unit square → page: the image's first row is at the top (y = 1).
	m := matrix{1 / float64(img.Width), 0, 0, -1 / float64(img.Height), 0, 1}.mul(draw.ctm)
	img.ToPage = m
	return img, nil
}

// imageDraw is one image XObject drawn: its stream and the CTM then.
type imageDraw struct {
	v   pdf.Value
	ctm matrix
}

func colorSpace(cs pdf.Value, read func(pdf.Value) ([]byte, error)) (name, base string, palette []byte) {
	switch cs.Kind() {
	case pdf.Name:
		return deviceSpace(cs.Name(), 0), "", nil
	case pdf.Array:
		switch n := cs.Index(0).Name(); n {
		case "Indexed", "I":
			b, _, _ := colorSpace(cs.Index(1), read)
			lut := cs.Index(3)
			switch lut.Kind() {
			case pdf.String:
				palette = []byte(lut.RawString())
			case pdf.Stream:
				palette, _ = read(lut)
			}
			return "Indexed", b, palette
		case "ICCBased":
			return deviceSpace("", int(cs.Index(1).Key("N").Int64())), "", nil
		case "CalGray":
			return "DeviceGray", "", nil
		case "CalRGB", "Lab":
			return "DeviceRGB", "", nil
		case "DeviceN", "Separation":
			return "DeviceGray", "", nil // tint: read as gray, inverted by the caller's Decode
		default:
			return deviceSpace(n, 0), "", nil
		}
	}
	return "DeviceGray", "", nil
}

func deviceSpace(name string, n int) string {
	switch {
	case name == "DeviceRGB" || name == "RGB" || n == 3:
		return "DeviceRGB"
	case name == "DeviceCMYK" || name == "CMYK" || n == 4:
		return "DeviceCMYK"
	}
	return "DeviceGray"
}

func filters(v pdf.Value) []Filter {
	f, p := v.Key("Filter"), v.Key("DecodeParms")
	if p.IsNull() {
		p = v.Key("DP")
	}
	one := func(name string, parms pdf.Value) Filter {
		out := Filter{Name: filterName(name), Parms: map[string]int{}}
		for _, k := range parms.Keys() {
			switch x := parms.Key(k); x.Kind() {
			case pdf.Integer:
				out.Parms[k] = int(x.Int64())
			case pdf.Bool:
				if x.Bool() {
					out.Parms[k] = 1
				} else {
					out.Parms[k] = 0
				}
			}
		}
		return out
	}
	switch f.Kind() {
	case pdf.Name:
		if p.Kind() == pdf.Array {
			p = p.Index(0)
		}
		return []Filter{one(f.Name(), p)}
	case pdf.Array:
		var out []Filter
		for i := 0; i < f.Len(); i++ {
			out = append(out, one(f.Index(i).Name(), p.Index(i)))
		}
		return out
	}
	return nil
}

var filterAbbrev = map[string]string{
	"AHx": "ASCIIHexDecode", "A85": "ASCII85Decode", "LZW": "LZWDecode",
	"Fl": "FlateDecode", "RL": "RunLengthDecode", "DCT": "DCTDecode", "CCF": "CCITTFaxDecode",
}

func filterName(n string) string {
	if full, ok := filterAbbrev[n]; ok {
		return full
	}
	return n
}

// rawStream returns the encoded bytes of stream v in the file data the
// library reads (ledongthuc/pdf decodes only Flate and ASCII85 and keeps
// the offset unexported, so it is read via reflect, as entryRef does).
func rawStream(v pdf.Value, data []byte) (out []byte, err error) {
	defer func() {
		if recover() != nil {
			out, err = nil, errors.New("the image data cannot be located in the file")
		}
	}()
	rv := reflect.ValueOf(v).FieldByName("data").Elem()
	if rv.Kind() != reflect.Struct || rv.Type().Name() != "stream" {
		return nil, errors.New("the image is not a stream")
	}
	off := rv.FieldByName("offset").Int()
	n := v.Key("Length").Int64()
	if off < 0 || n < 0 || off > int64(len(data)) {
		return nil, errors.New("the image data lies outside the file")
	}
	end := min(off+n, int64(len(data)))
	return data[off:end], nil
}
