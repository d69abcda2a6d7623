using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using ModelDsl.Compiler.Diagnostics;
using ModelDsl.Compiler.Semantics;
using ModelDsl.Compiler.Training;

namespace ModelDsl.Compiler.Emit.PyTorch;

/// <summary>
/// The PyTorch emission profile (<c>modeldsl emit --backend pytorch</c>): Python instead of C#, from the same checked
/// records. One file per model (<c>fashion_dnn.py</c>, a typed <c>nn.Module</c>), one per training
/// (<c>train_fashion_dnn.py</c>, a script for <c>torchrun</c>) and the support module <c>modeldsl_torch.py</c> they
/// import. What cannot be emitted is a warning diagnostic (MD5150–MD5159) naming it, never a half-written file.
/// Output is a pure function of the checked records.
/// </summary>
public static class PyTorchEmitter
{
    /// <summary>The support module every training script imports.</summary>
    public const string SupportFile = "modeldsl_torch.py";

    // Python's standard library (sys.stdlib_module_names of 3.11) and the packages the scripts import: a model file with
    // one of these names would shadow it (a model called Warnings must not become warnings.py), so it gets a suffix.
    private static readonly string[] ReservedModules = (
        "abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii bisect "
        + "builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall "
        + "concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm "
        + "decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp "
        + "fileinput fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip "
        + "hashlib heapq hmac html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword "
        + "lib2to3 linecache locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt "
        + "multiprocessing netrc nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib "
        + "pdb pickle pickletools pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd "
        + "py_compile pyclbr pydoc pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy "
        + "sched secrets select selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd "
        + "sqlite3 sre_compile sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau "
        + "symtable sys sysconfig syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit "
        + "tkinter token tokenize tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata "
        + "unittest urllib uu uuid venv warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp "
        + "zipfile zipimport zlib zoneinfo torch numpy torchvision modeldsl_torch ").Trim().Split(' ');

    public static PythonEmission Emit(IEnumerable<CheckedModel> models, IEnumerable<CheckedTraining> trainings)
    {
        var files = new List<GeneratedSource>();
        var diagnostics = new List<Diagnostic>();
        var fileNames = new NameScope(ReservedModules);
        var modules = new Dictionary<string, (CheckedModel Model, string Module)>();
        foreach (var model in models)
        {
            var unusable = PythonModuleEmitter.UnusableNames(model);
            if (unusable.Count > 0)
            {
                diagnostics.Add(DiagnosticCatalog.PyTorchUnusableName(SourceSpan.FileStart(model.SourcePath), model.Name, unusable));
                continue;
            }

            var module = fileNames.Claim(PythonNames.Module(model.Name));
            if (!modules.ContainsKey(model.Name))
            {
                modules[model.Name] = (model, module);
            }

            files.Add(new GeneratedSource(module + ".py", PythonModuleEmitter.Emit(model, FileName(model.SourcePath))));
        }

        var scripts = 0;
        foreach (var training in trainings)
        {
            if (!modules.TryGetValue(training.ModelName, out var entry))
            {
                continue;
            }

            if (PythonTrainingEmitter.Unsupported(training, entry.Model) is { } reason)
            {
                diagnostics.Add(DiagnosticCatalog.PyTorchTrainingNotEmitted(SourceSpan.FileStart(training.SourcePath), training.Name, reason));
                continue;
            }

            var script = fileNames.Claim("train_" + PythonNames.Module(training.Name));
            files.Add(new GeneratedSource(script + ".py", PythonTrainingEmitter.Emit(training, entry.Model, entry.Module, FileName(training.SourcePath))));
            scripts++;
        }

        if (scripts > 0)
        {
            files.Add(new GeneratedSource(SupportFile, SupportText()));
        }

        return new PythonEmission(files.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    /// <summary>modeldsl_torch.py, embedded in this assembly (LF line endings whatever the checkout).</summary>
    public static string SupportText()
    {
        using var stream = typeof(PyTorchEmitter).GetTypeInfo().Assembly.GetManifestResourceStream("ModelDsl.Compiler.Emit.PyTorch.modeldsl_torch.py")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }

    private static string FileName(string path)
    {
        var slash = path.LastIndexOfAny(new[] { '/', '\\' });
        return slash < 0 ? path : path.Substring(slash + 1);
    }
}
