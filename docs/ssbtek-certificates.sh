#!/usr/bin/env bash
# Throw-away certificates for trying SSBTEK's callers over HTTPS (docs/ssbtek.md, "Who may ask"), made with
# OpenSSL in the folder given (created if missing). Nothing here is trusted anywhere else.
#
#   ca.pem                      the test CA the emulator trusts for client certificates (SSBTEK_TLS_CA)
#   server.pem, server.key      the emulator's own certificate: 127.0.0.1 and localhost (SSBTEK_TLS_CERT/_KEY)
#   kommun.pem, kommun.key      serialNumber=162120002411  Sundsvalls kommun, connected directly
#   ombud.pem, ombud.key        serialNumber=165565866992  the service provider (ombud) of customer 8020069582
#   obehorig.pem, obehorig.key  serialNumber=165599000030  an organisation without an agreement
#   okand-utfardare.pem, .key   serialNumber=162120002411, but issued by another CA: not trusted
#   seed-exempel.pem, .key      the seed's own example subject, serialNumber=16556586996: no organisationsnummer
#
# The subject's serialNumber is 16 and the organisationsnummer, as in the seed's example (§8.4).
set -euo pipefail
dir=${1:?usage: ssbtek-certificates.sh FOLDER}
mkdir -p "$dir"
cd "$dir"
days=3650
key=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)

# A CA: name, subject.
ca() {
  openssl req -x509 "${key[@]}" -keyout "$1.key" -out "$1.pem" -days "$days" -subj "$2" 2>/dev/null
}

# A certificate issued by a CA: name, subject, extensions, CA (default: ca).
issue() {
  local ca=${4:-ca}
  openssl req "${key[@]}" -keyout "$1.key" -out "$1.csr" -subj "$2" 2>/dev/null
  printf '%b\n' "$3" >"$1.ext"
  openssl x509 -req -in "$1.csr" -CA "$ca.pem" -CAkey "$ca.key" -CAcreateserial -out "$1.pem" -days "$days" \
    -extfile "$1.ext" 2>/dev/null
  rm "$1.csr" "$1.ext"
}

client='extendedKeyUsage=clientAuth'
ca ca '/C=SE/O=SSBTEK emulator test CA/CN=SSBTEK emulator test CA'
issue server '/C=SE/O=SSBTEK emulator/CN=127.0.0.1' 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth'
issue kommun '/C=SE/O=Sundsvalls kommun/OU=Socialnamnden/CN=ssbtek.sundsvall.example/serialNumber=162120002411' "$client"
issue ombud '/C=SE/O=EDB Business Partner Sverige AB/OU=akassor drift/CN=*.so.edb.se/serialNumber=165565866992' "$client"
issue obehorig '/C=SE/O=Obehorig AB/CN=obehorig.example/serialNumber=165599000030' "$client"
issue seed-exempel '/C=SE/O=EDB Business Partner Sverige AB/OU=akassor drift/CN=*.so.edb.se/serialNumber=16556586996' "$client"
ca annan-ca '/C=SE/O=Another CA/CN=Another CA'
issue okand-utfardare '/C=SE/O=Sundsvalls kommun/CN=ssbtek.sundsvall.example/serialNumber=162120002411' "$client" annan-ca
rm -f ca.key annan-ca.key annan-ca.pem ./*.srl
echo "certificates in $dir"
