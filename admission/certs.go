package admission

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net"
	"time"

	"github.com/attest-dev/attest"
)

// Certs are the PEM files of a webhook's TLS: a CA of its own, the
// serving certificate it signs for the Service's DNS names, and a client
// certificate for kube-apiserver to authenticate itself with. The CA's key
// is not kept: renewing means new certificates and a new caBundle.
type Certs struct {
	CA                    []byte
	ServerCert, ServerKey []byte
	ClientCert, ClientKey []byte
}

// ClientName is the common name of the client certificate NewCerts makes
// for kube-apiserver.
const ClientName = "kube-apiserver"

// NewCerts makes a CA and the certificates it signs, valid from now for
// validity. DNS names the Service as kube-apiserver dials it
// (attest.attest.svc); an IP address is put in the certificate as one.
func NewCerts(dns []string, now time.Time, validity time.Duration, random io.Reader) (*Certs, error) {
	if len(dns) == 0 {
		return nil, attest.Errorf(attest.EINVALID, "certificates need at least one DNS name (the Service, such as attest.attest.svc)")
	}
	if validity <= 0 {
		return nil, attest.Errorf(attest.EINVALID, "certificate validity %s: want a positive duration", validity)
	}
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), random)
	if err != nil {
		return nil, fmt.Errorf("generate CA key: %w", err)
	}
	serial := func() (*big.Int, error) {
		return readSerial(random)
	}
	sn, err := serial()
	if err != nil {
		return nil, err
	}
	notBefore := now.Add(-5 * time.Minute).UTC()
	caTmpl := &x509.Certificate{
		SerialNumber:          sn,
		Subject:               pkix.Name{CommonName: "attest admission webhook CA"},
		NotBefore:             notBefore,
		NotAfter:              notBefore.Add(validity),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
		MaxPathLenZero:        true,
	}
	caDER, err := x509.CreateCertificate(random, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, fmt.Errorf("create CA certificate: %w", err)
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, err
	}
	leaf := func(cn string, usage x509.ExtKeyUsage, names []string) (certPEM, keyPEM []byte, err error) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), random)
		if err != nil {
			return nil, nil, fmt.Errorf("generate key: %w", err)
		}
		sn, err := serial()
		if err != nil {
			return nil, nil, err
		}
		tmpl := &x509.Certificate{
			SerialNumber: sn,
			Subject:      pkix.Name{CommonName: cn},
			NotBefore:    notBefore,
			NotAfter:     notBefore.Add(validity),
			KeyUsage:     x509.KeyUsageDigitalSignature,
			ExtKeyUsage:  []x509.ExtKeyUsage{usage},
		}
		for _, n := range names {
			if ip := net.ParseIP(n); ip != nil {
				tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
			} else {
				tmpl.DNSNames = append(tmpl.DNSNames, n)
			}
		}
		der, err := x509.CreateCertificate(random, tmpl, ca, &key.PublicKey, caKey)
		if err != nil {
			return nil, nil, fmt.Errorf("create certificate %s: %w", cn, err)
		}
		keyDER, err := x509.MarshalPKCS8PrivateKey(key)
		if err != nil {
			return nil, nil, err
		}
		return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}),
			pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), nil
	}
	c := &Certs{CA: pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})}
	if c.ServerCert, c.ServerKey, err = leaf(dns[0], x509.ExtKeyUsageServerAuth, dns); err != nil {
		return nil, err
	}
	if c.ClientCert, c.ClientKey, err = leaf(ClientName, x509.ExtKeyUsageClientAuth, nil); err != nil {
		return nil, err
	}
	return c, nil
}

// readSerial returns a random 128-bit serial number.
func readSerial(random io.Reader) (*big.Int, error) {
	b := make([]byte, 16)
	if _, err := io.ReadFull(random, b); err != nil {
		return nil, fmt.Errorf("read random: %w", err)
	}
	b[0] &= 0x7f
	return new(big.Int).SetBytes(b), nil
}
