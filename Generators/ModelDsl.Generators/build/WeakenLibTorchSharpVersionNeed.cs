// Compiled by MSBuild's RoslynCodeTaskFactory from ModelDsl.TorchSharp.targets (shipped in the package's build/
// folder): no binary task assembly to load, and nothing but the .NET SDK needed.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

/// <summary>
/// Makes TorchSharp 0.107's <c>libLibTorchSharp.so</c> load with GCC 12's libstdc++ (Debian 12, Ubuntu 22.04).
/// The library declares a version need on <c>GLIBCXX_3.4.32</c> only because GCC 13's &lt;iostream&gt; references
/// <c>std::ios_base_library_init</c> (a no-op no relocation uses). When the host's libstdc++ lacks that version and the
/// library needs it for that symbol alone, this sets <c>VER_FLG_WEAK</c> on that one <c>Elf64_Vernaux</c> entry of the
/// copy in the build output, so the loader warns instead of refusing. Every other byte stays as it was; a copy already
/// patched is left alone.
/// </summary>
public sealed class WeakenLibTorchSharpVersionNeed : Task
{
    private const string NeededVersion = "GLIBCXX_3.4.32";
    private const string OnlySymbol = "_ZSt21ios_base_library_initv";
    private const ushort VerFlagWeak = 0x2;
    private const uint ShtRela = 4;
    private const uint ShtDynsym = 11;
    private const uint ShtRel = 9;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;

    // Where distributions put the libstdc++ the loader uses (multiarch first).
    private static readonly string[] HostLibraryCandidates =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/lib/x86_64-linux-gnu/libstdc++.so.6",
        "/usr/lib/aarch64-linux-gnu/libstdc++.so.6", "/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    /// <summary>The copies of libLibTorchSharp.so in the build (or publish) output.</summary>
    [Required]
    public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The libstdc++ to check for GLIBCXX_3.4.32; empty: the first of the usual system paths that exists.</summary>
    public string HostLibrary { get; set; } = string.Empty;

    /// <summary>The files this run patched.</summary>
    [Output]
    public ITaskItem[] PatchedFiles { get; set; } = Array.Empty<ITaskItem>();

    public override bool Execute()
    {
        var host = string.IsNullOrEmpty(HostLibrary) ? FindHostLibrary() : HostLibrary;
        if (host is null || HostProvides(host, NeededVersion))
        {
            return true;
        }

        var patched = new List<ITaskItem>();
        foreach (var item in Files)
        {
            var path = item.GetMetadata("FullPath");
            string reason;
            var outcome = TryPatch(path, out reason);
            if (outcome == Outcome.Patched)
            {
                patched.Add(item);
                Log.LogMessage(MessageImportance.High,
                    "ModelDsl: marked the " + NeededVersion + " need of " + path + " weak (only std::ios_base_library_init uses it; " +
                    host + " lacks it) so TorchSharp loads here; set ModelDslPatchLibTorchSharp=false to opt out.");
            }
            else if (outcome == Outcome.Unsafe)
            {
                Log.LogMessage(MessageImportance.High, "ModelDsl: left " + path + " unpatched: " + reason + ".");
            }
        }

        PatchedFiles = patched.ToArray();
        return true;
    }

    /// <summary>What <see cref="TryPatch"/> did.</summary>
    public enum Outcome
    {
        /// <summary>The need was made weak.</summary>
        Patched,

        /// <summary>Nothing to do: not an ELF64 library, no such need, or already weak.</summary>
        NotNeeded,

        /// <summary>The need is used by other symbols or by a relocation: weakening it would not be safe.</summary>
        Unsafe,
    }

    /// <summary>Weakens the GLIBCXX_3.4.32 need of the ELF file at <paramref name="path"/> when that is safe.</summary>
    public static Outcome TryPatch(string path, out string reason)
    {
        var bytes = File.ReadAllBytes(path);
        var result = Analyze(bytes, out var flagsOffset, out reason);
        if (result != Outcome.Patched)
        {
            return result;
        }

        // A copy beside the file gets the one byte, then replaces it by a rename: the old file (which may be a hard link
        // into the NuGet cache) is never written to, and a build that stops half-way leaves no half-written library.
        // File.Copy keeps the file mode (the executable bit) on Unix.
        var temporary = path + ".modeldsl-tmp";
        File.Copy(path, temporary, true);
        using (var stream = new FileStream(temporary, FileMode.Open, FileAccess.Write))
        {
            stream.Position = flagsOffset;
            stream.WriteByte((byte)(bytes[flagsOffset] | VerFlagWeak));
            stream.Flush(true);
        }

        // The original's timestamp, so the next incremental build sees an unchanged file and does not copy it again.
        File.SetLastWriteTimeUtc(temporary, File.GetLastWriteTimeUtc(path));
        File.Replace(temporary, path, null);
        return Outcome.Patched;
    }

    /// <summary>Finds the vna_flags byte to change, or says why there is none.</summary>
    public static Outcome Analyze(byte[] elf, out int flagsOffset, out string reason)
    {
        flagsOffset = -1;
        reason = "not a little-endian ELF64 file";
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2 || elf[5] != 1)
        {
            return Outcome.NotNeeded;
        }

        var sectionsOffset = checked((int)U64(elf, 0x28));
        var sectionSize = U16(elf, 0x3A);
        var sectionCount = U16(elf, 0x3C);
        var sections = new Section[sectionCount];
        for (var i = 0; i < sectionCount; i++)
        {
            var at = sectionsOffset + (i * sectionSize);
            sections[i] = new Section(U32(elf, at + 4), checked((int)U64(elf, at + 0x18)), checked((int)U64(elf, at + 0x20)), (int)U32(elf, at + 0x28), (int)U32(elf, at + 0x2C));
        }

        var verneed = Array.FindIndex(sections, s => s.Type == ShtGnuVerneed);
        var versym = Array.FindIndex(sections, s => s.Type == ShtGnuVersym);
        var dynsym = Array.FindIndex(sections, s => s.Type == ShtDynsym);
        reason = "no " + NeededVersion + " version need";
        if (verneed < 0 || versym < 0 || dynsym < 0)
        {
            return Outcome.NotNeeded;
        }

        // Elf64_Verneed { vn_version, vn_cnt, vn_file, vn_aux, vn_next } with Elf64_Vernaux { vna_hash, vna_flags,
        // vna_other, vna_name, vna_next } chained after it.
        var strings = sections[sections[verneed].Link].Offset;
        var versionIndex = -1;
        var need = sections[verneed].Offset;
        for (var n = 0; n < sections[verneed].Info; n++)
        {
            var aux = need + (int)U32(elf, need + 8);
            for (var a = 0; a < U16(elf, need + 2); a++)
            {
                if (CString(elf, strings + (int)U32(elf, aux + 8)) == NeededVersion)
                {
                    if ((U16(elf, aux + 4) & VerFlagWeak) != 0)
                    {
                        reason = "already weak";
                        return Outcome.NotNeeded;
                    }

                    flagsOffset = aux + 4;
                    versionIndex = U16(elf, aux + 6);
                }

                aux += (int)U32(elf, aux + 12);
            }

            need += (int)U32(elf, need + 12);
        }

        if (versionIndex < 0)
        {
            return Outcome.NotNeeded;
        }

        // Every dynamic symbol bound to that version must be std::ios_base_library_init, and no relocation may use it.
        var symbolStrings = sections[sections[dynsym].Link].Offset;
        var symbolCount = sections[dynsym].Size / 24;
        var boundSymbols = new HashSet<long>();
        for (var s = 0; s < symbolCount; s++)
        {
            if ((U16(elf, sections[versym].Offset + (2 * s)) & 0x7fff) != versionIndex)
            {
                continue;
            }

            var name = CString(elf, symbolStrings + (int)U32(elf, sections[dynsym].Offset + (24 * s)));
            if (name != OnlySymbol)
            {
                reason = NeededVersion + " is also needed for " + name;
                return Outcome.Unsafe;
            }

            boundSymbols.Add(s);
        }

        foreach (var section in sections)
        {
            var entrySize = section.Type == ShtRela ? 24 : section.Type == ShtRel ? 16 : 0;
            if (entrySize == 0 || section.Link != dynsym)
            {
                continue;
            }

            for (var at = section.Offset; at + entrySize <= section.Offset + section.Size; at += entrySize)
            {
                if (boundSymbols.Contains((long)(U64(elf, at + 8) >> 32)))
                {
                    reason = "a relocation refers to " + OnlySymbol;
                    return Outcome.Unsafe;
                }
            }
        }

        reason = string.Empty;
        return Outcome.Patched;
    }

    /// <summary>Whether the ELF library at <paramref name="path"/> defines <paramref name="version"/>.</summary>
    public static bool HostProvides(string path, string version)
    {
        // Version definitions are NUL-terminated names in the dynamic string table; a byte search finds them without
        // parsing .gnu.version_d, and GLIBCXX_3.4.32 cannot appear as part of a longer name followed by a NUL.
        var bytes = File.ReadAllBytes(path);
        var needle = Encoding.ASCII.GetBytes(version + "\0");
        for (var i = 0; i <= bytes.Length - needle.Length; i++)
        {
            if (bytes[i] == needle[0] && (i == 0 || bytes[i - 1] == 0) && Matches(bytes, i, needle))
            {
                return true;
            }
        }

        return false;
    }

    private static string? FindHostLibrary() => Array.Find(HostLibraryCandidates, File.Exists);

    private static bool Matches(byte[] bytes, int at, byte[] needle)
    {
        for (var j = 1; j < needle.Length; j++)
        {
            if (bytes[at + j] != needle[j])
            {
                return false;
            }
        }

        return true;
    }

    private static ushort U16(byte[] b, int at) => (ushort)(b[at] | (b[at + 1] << 8));

    private static uint U32(byte[] b, int at) => (uint)(b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24));

    private static ulong U64(byte[] b, int at) => U32(b, at) | ((ulong)U32(b, at + 4) << 32);

    private static string CString(byte[] b, int at)
    {
        var end = Array.IndexOf(b, (byte)0, at);
        return Encoding.ASCII.GetString(b, at, end - at);
    }

    private readonly struct Section
    {
        public Section(uint type, int offset, int size, int link, int info)
        {
            Type = type;
            Offset = offset;
            Size = size;
            Link = link;
            Info = info;
        }

        public uint Type { get; }

        public int Offset { get; }

        public int Size { get; }

        public int Link { get; }

        public int Info { get; }
    }
}
