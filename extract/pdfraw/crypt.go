package pdfraw

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/md5"
	"crypto/rc4"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
)

// The Standard security handler (ISO 32000-2 §7.6.4), opened with the empty
// user password, which is how "protected against copying" PDFs are shipped.

type cryptMethod uint8

const (
	cryptNone cryptMethod = iota
	cryptRC4
	cryptAESV2
	cryptAESV3
)

type security struct {
	key             []byte
	stm, str        cryptMethod
	encryptMetadata bool
	desc            string
}

var passwordPadding = []byte{
	0x28, 0xBF, 0x4E, 0x5E, 0x4E, 0x75, 0x8A, 0x41, 0x64, 0x00, 0x4E, 0x56, 0xFF, 0xFA, 0x01, 0x08,
	0x2E, 0x2E, 0x00, 0xB6, 0xD0, 0x68, 0x3E, 0x80, 0x2F, 0x0C, 0xA9, 0xFE, 0x64, 0x53, 0x69, 0x7A,
}

var errWrongPassword = errors.New("the empty user password does not open the file")

// newSecurity derives the file key from the /Encrypt dictionary.
func newSecurity(enc *dict, id0 []byte, d *document) (*security, error) {
	get := func(k name) object { return d.resolve(enc.get(k)) }
	intOf := func(k name, def int64) int64 {
		if v, ok := asInt(get(k)); ok {
			return v
		}
		return def
	}
	bytesOf := func(k name) []byte { b, _ := get(k).(pdfString); return b }
	if f, _ := get("Filter").(name); f != "Standard" {
		return nil, fmt.Errorf("unsupported security handler %q", f)
	}
	v := intOf("V", 0)
	r := intOf("R", 2)
	keyLen := int(intOf("Length", 40) / 8)
	s := &security{encryptMetadata: true}
	if b, ok := get("EncryptMetadata").(bool); ok {
		s.encryptMetadata = b
	}
	switch v {
	case 1, 2, 3:
		if v == 1 {
			keyLen = 5
		}
		s.stm, s.str = cryptRC4, cryptRC4
	case 4, 5:
		cf := asDict(get("CF"))
		method := func(k name) cryptMethod {
			fname, _ := get(k).(name)
			if fname == "" || fname == "Identity" {
				return cryptNone
			}
			f := asDict(d.resolve(cf.get(fname)))
			cfm, _ := d.resolve(f.get("CFM")).(name)
			switch cfm {
			case "V2":
				if l, ok := asInt(d.resolve(f.get("Length"))); ok && v == 4 {
					// /Length in a crypt filter is bytes, though some write bits.
					if l > 16 {
						l /= 8
					}
					if l >= 5 && l <= 16 {
						keyLen = int(l)
					}
				}
				return cryptRC4
			case "AESV2":
				keyLen = 16
				return cryptAESV2
			case "AESV3":
				return cryptAESV3
			}
			return cryptNone
		}
		s.stm, s.str = method("StmF"), method("StrF")
		if v == 4 && keyLen == 5 && (s.stm == cryptRC4 || s.str == cryptRC4) && intOf("Length", 0) == 0 {
			keyLen = 16
		}
	default:
		return nil, fmt.Errorf("unsupported encryption /V %d", v)
	}
	if keyLen < 5 || keyLen > 16 {
		keyLen = 16
	}
	o, u := bytesOf("O"), bytesOf("U")
	var err error
	if r >= 5 {
		s.key, err = keyR6(u, bytesOf("UE"), r)
		s.desc = fmt.Sprintf("AES-256 R%d", r)
	} else {
		if len(o) < 32 || len(u) < 16 {
			return nil, errors.New("encryption dictionary: /O or /U too short")
		}
		p := uint32(int32(intOf("P", 0)))
		s.key, err = keyR2to4(o[:32], u, p, id0, r, keyLen, s.encryptMetadata)
		switch {
		case s.stm == cryptAESV2 || s.str == cryptAESV2:
			s.desc = fmt.Sprintf("AES-128 R%d", r)
		default:
			s.desc = fmt.Sprintf("RC4 %d-bit R%d", keyLen*8, r)
		}
	}
	if err != nil {
		return nil, err
	}
	return s, nil
}

// keyR2to4 is Algorithm 2 (file key) checked with Algorithms 4/5 (the /U value).
func keyR2to4(o, u []byte, p uint32, id0 []byte, r int64, n int, encryptMetadata bool) ([]byte, error) {
	h := md5.New()
	h.Write(passwordPadding)
	h.Write(o)
	var pb [4]byte
	binary.LittleEndian.PutUint32(pb[:], p)
	h.Write(pb[:])
	h.Write(id0)
	if r >= 4 && !encryptMetadata {
		h.Write([]byte{0xff, 0xff, 0xff, 0xff})
	}
	key := h.Sum(nil)
	if r >= 3 {
		for i := 0; i < 50; i++ {
			sum := md5.Sum(key[:n])
			key = sum[:]
		}
	}
	key = key[:n]
	if r == 2 {
		if !bytes.Equal(rc4Crypt(key, passwordPadding), u[:min(len(u), 32)]) {
			return nil, errWrongPassword
		}
		return key, nil
	}
	h = md5.New()
	h.Write(passwordPadding)
	h.Write(id0)
	x := rc4Crypt(key, h.Sum(nil))
	k := make([]byte, len(key))
	for i := 1; i <= 19; i++ {
		for j := range key {
			k[j] = key[j] ^ byte(i)
		}
		x = rc4Crypt(k, x)
	}
	if !bytes.Equal(x, u[:16]) {
		return nil, errWrongPassword
	}
	return key, nil
}

// keyR6 checks the empty password against /U and unwraps /UE (R5 and R6).
func keyR6(u, ue []byte, r int64) ([]byte, error) {
	if len(u) < 48 || len(ue) < 32 {
		return nil, errors.New("encryption dictionary: /U or /UE too short")
	}
	if !bytes.Equal(hashR6(nil, u[32:40], r), u[:32]) {
		return nil, errWrongPassword
	}
	kek := hashR6(nil, u[40:48], r)
	block, err := aes.NewCipher(kek)
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32)
	cipher.NewCBCDecrypter(block, make([]byte, 16)).CryptBlocks(key, ue[:32])
	return key, nil
}

// hashR6 is the R5 SHA-256 hash, or for R6 Algorithm 2.B of ISO 32000-2
// (the user-password case: no /U data is mixed in).
func hashR6(password, salt []byte, r int64) []byte {
	sum := sha256.Sum256(append(append([]byte{}, password...), salt...))
	k := sum[:]
	if r < 6 {
		return k
	}
	var e []byte
	for i := 0; i < 64 || int(e[len(e)-1]) > i-32; i++ {
		unit := append(append([]byte{}, password...), k...)
		k1 := bytes.Repeat(unit, 64)
		block, _ := aes.NewCipher(k[:16])
		e = make([]byte, len(k1))
		cipher.NewCBCEncrypter(block, k[16:32]).CryptBlocks(e, k1)
		var h hash.Hash
		switch sumMod3(e[:16]) {
		case 0:
			h = sha256.New()
		case 1:
			h = sha512.New384()
		default:
			h = sha512.New()
		}
		h.Write(e)
		k = h.Sum(nil)
	}
	return k[:32]
}

func sumMod3(b []byte) int {
	s := 0
	for _, c := range b {
		s += int(c)
	}
	return s % 3
}

func rc4Crypt(key, data []byte) []byte {
	c, err := rc4.NewCipher(key)
	if err != nil {
		return append([]byte(nil), data...)
	}
	out := make([]byte, len(data))
	c.XORKeyStream(out, data)
	return out
}

// objectKey is Algorithm 1: the per-object key for RC4 and AESV2.
func (s *security) objectKey(m cryptMethod, num uint32, gen uint16) []byte {
	if m == cryptAESV3 {
		return s.key
	}
	h := md5.New()
	h.Write(s.key)
	h.Write([]byte{byte(num), byte(num >> 8), byte(num >> 16), byte(gen), byte(gen >> 8)})
	if m == cryptAESV2 {
		h.Write([]byte("sAlT"))
	}
	return h.Sum(nil)[:min(len(s.key)+5, 16)]
}

func (s *security) decrypt(m cryptMethod, num uint32, gen uint16, data []byte) []byte {
	switch m {
	case cryptRC4:
		return rc4Crypt(s.objectKey(m, num, gen), data)
	case cryptAESV2, cryptAESV3:
		return aesDecrypt(s.objectKey(m, num, gen), data)
	}
	return data
}

// aesDecrypt reads the IV from the first block and strips PKCS#5 padding;
// a ragged tail (damaged data) is dropped rather than failing.
func aesDecrypt(key, data []byte) []byte {
	if len(data) < 32 {
		return nil // an IV alone (or less) holds no data
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil
	}
	body := data[16:]
	body = body[:len(body)/16*16]
	out := make([]byte, len(body))
	cipher.NewCBCDecrypter(block, data[:16]).CryptBlocks(out, body)
	if n := int(out[len(out)-1]); n >= 1 && n <= 16 && n <= len(out) {
		out = out[:len(out)-n]
	}
	return out
}

// decryptObject decrypts the strings of a loaded object and, for a stream, its data.
func (s *security) decryptObject(o object, num uint32, gen uint16) object {
	switch v := o.(type) {
	case pdfString:
		return pdfString(s.decrypt(s.str, num, gen, v))
	case array:
		for i := range v {
			v[i] = s.decryptObject(v[i], num, gen)
		}
	case *dict:
		for i := range v.vals {
			v.vals[i] = s.decryptObject(v.vals[i], num, gen)
		}
	case *stream:
		s.decryptObject(v.dict, num, gen)
		typ, _ := v.dict.get("Type").(name)
		switch {
		case typ == "XRef":
		case typ == "Metadata" && !s.encryptMetadata:
		case hasIdentityCryptFilter(v.dict):
		default:
			v.raw = s.decrypt(s.stm, num, gen, v.raw)
		}
	}
	return o
}

// hasIdentityCryptFilter reports a stream that opts out of encryption with
// /Filter /Crypt and no /Name (or /Name /Identity).
func hasIdentityCryptFilter(d *dict) bool {
	var filters array
	switch f := d.get("Filter").(type) {
	case name:
		filters = array{f}
	case array:
		filters = f
	}
	for i, f := range filters {
		if f != name("Crypt") {
			continue
		}
		parms := asDict(d.get("DecodeParms"))
		if pa, ok := d.get("DecodeParms").(array); ok && i < len(pa) {
			parms = asDict(pa[i])
		}
		n, _ := parms.get("Name").(name)
		return n == "" || n == "Identity"
	}
	return false
}
