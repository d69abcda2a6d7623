#!/usr/bin/python3
"""Marks the GLIBCXX_3.4.32 version need of libLibTorchSharp.so weak (see TORCHSHARP_NOTES.md). Idempotent."""
import struct, sys

def patch(path):
    data = bytearray(open(path, "rb").read())
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        sys.exit(f"{path}: not a 64-bit little-endian ELF file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    SHT_GNU_verneed = 0x6ffffffe
    changed = False
    for name, type_, flags, addr, offset, size, link, info, align, entsize in sections:
        if type_ != SHT_GNU_verneed:
            continue
        strtab = sections[link][4]
        def string(o):
            end = data.index(b"\0", strtab + o)
            return data[strtab + o:end].decode()
        pos = offset
        for _ in range(info):
            vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from("<HHIII", data, pos)
            aux = pos + vn_aux
            for _ in range(vn_cnt):
                vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from("<IHHII", data, aux)
                if string(vna_name) == "GLIBCXX_3.4.32" and not vna_flags & 2:
                    struct.pack_into("<H", data, aux + 4, vna_flags | 2)
                    changed = True
                aux += vna_next
            pos += vn_next
    if changed:
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        import os
        os.chmod(tmp, os.stat(path).st_mode)
        os.replace(tmp, path)
    print(f"{path}: {'patched' if changed else 'already weak or no need'}")

for p in sys.argv[1:]:
    patch(p)
