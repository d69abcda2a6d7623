using System.Collections.Generic;

namespace ModelDsl.Compiler.Diagnostics;

/// <summary>
/// Every diagnostic the compiler reports, in one place (the model is Bicep's DiagnosticBuilder): a descriptor per ID
/// and a factory method per ID that writes the message. IDs are never reused; each has a test and a line in
/// docs/diagnostics.md. Messages say what was expected, what was found and, where there is one, the fix.
/// </summary>
public static class DiagnosticCatalog
{
    // Declared first: the descriptors below register themselves here as the static fields initialise in order.
    private static readonly List<DiagnosticDescriptor> Registry = new();

    /// <summary>All descriptors, in ID order of declaration.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => Registry;

    private static DiagnosticDescriptor Define(string id, DiagnosticSeverity severity, string category, string title)
    {
        var descriptor = new DiagnosticDescriptor(id, severity, category, title);
        Registry.Add(descriptor);
        return descriptor;
    }

    private static DiagnosticDescriptor Error(string id, string category, string title) => Define(id, DiagnosticSeverity.Error, category, title);

    private static DiagnosticDescriptor Warning(string id, string category, string title) => Define(id, DiagnosticSeverity.Warning, category, title);

    // ───────────────────────────── MD1xxx: syntax ─────────────────────────────

    // ─────────────────────── end of MD1xxx (keep this marker) ───────────────────────

    // ──────────────────────── MD2xxx: names and arguments ────────────────────────

    // ─────────────────────── end of MD2xxx (keep this marker) ───────────────────────

    // ─────────── MD21xx: names in train declarations (losses, optimisers, schedules, metrics) ───────────

    // ─────────────────────── end of MD21xx (keep this marker) ───────────────────────

    // ───────────────────────────── MD3xxx: shapes ─────────────────────────────

    // ─────────────────────── end of MD3xxx (keep this marker) ───────────────────────

    // ──────────────────────────── MD4xxx: training ────────────────────────────

    // ─────────────────────── end of MD4xxx (keep this marker) ───────────────────────

    // ──────────────────────────── MD5xxx: warnings ────────────────────────────

    // ─────────────────────── end of MD5xxx (keep this marker) ───────────────────────

    // ─────────────────────── MD51xx: training warnings ───────────────────────

    // ─────────────────────── end of MD51xx (keep this marker) ───────────────────────
}
