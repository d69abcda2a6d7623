using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// Class names by index, and the one rule every loader follows to turn a label into a class index. The
/// training split discovers the map (<see cref="Discover"/>); validation and test splits — image folders,
/// manifests, tabular files — are mapped with the training split's map (<see cref="FromNames"/>), so a class
/// index means the same in every split and a label the training data lacks is an error naming file and row.
/// </summary>
public sealed class ClassMap
{
    /// <summary>
    /// The most classes a discovered map may have. An integer label is a class index, so a label of 10^8 would
    /// otherwise ask for 10^8 classes; real data sets have far fewer (ImageNet-21k: 21,841).
    /// </summary>
    public const int MaxClasses = 100_000;

    private readonly Dictionary<string, int> _index;

    private ClassMap(IReadOnlyList<string> names)
    {
        Names = names;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            _index[names[i]] = i;
        }
    }

    /// <summary>Class names in index order.</summary>
    public IReadOnlyList<string> Names { get; }

    public int Count => Names.Count;

    /// <summary>The map of a later split: the training split's class names, in their order.</summary>
    public static ClassMap FromNames(IReadOnlyList<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return new ClassMap(names);
    }

    /// <summary>
    /// The map of the training split from its labels: when every label is a non-negative integer, the integer is
    /// the class index (names "0".."max"); otherwise the distinct labels sorted ordinally (Keras' folder order).
    /// <paramref name="originOf"/> describes entry i ("'labels.csv' row 7") for errors.
    /// </summary>
    public static ClassMap Discover(IReadOnlyList<string> labels, Func<int, string> originOf)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(originOf);
        var distinct = labels.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > 0 && distinct.All(IsIndex))
        {
            var max = -1L;
            var at = 0;
            for (var i = 0; i < labels.Count; i++)
            {
                var value = ParseIndex(labels[i]);
                if (value > max)
                {
                    (max, at) = (value, i);
                }
            }

            if (max >= MaxClasses)
            {
                throw new DataException(
                    $"{originOf(at)}: label '{labels[at]}' is an integer, so it is read as a class index, but class indices stop at " +
                    $"{(MaxClasses - 1).ToString("N0", CultureInfo.InvariantCulture)}; number the classes from 0, or use class names.");
            }

            return new ClassMap([.. Enumerable.Range(0, (int)max + 1).Select(i => i.ToString(CultureInfo.InvariantCulture))]);
        }

        if (distinct.Count > MaxClasses)
        {
            throw new DataException(
                $"{originOf(0)}: the data has {distinct.Count.ToString("N0", CultureInfo.InvariantCulture)} distinct labels; at most " +
                $"{MaxClasses.ToString("N0", CultureInfo.InvariantCulture)} classes are supported.");
        }

        distinct.Sort(StringComparer.Ordinal);
        return new ClassMap(distinct);
    }

    /// <summary>The class index of <paramref name="label"/>; an unknown label is a <see cref="DataException"/> naming <paramref name="origin"/>.</summary>
    public int IndexOf(string label, string origin, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (_index.TryGetValue(label, out var index)
            || (IsIndex(label) && ParseIndex(label) is var number and < int.MaxValue
                && _index.TryGetValue(((int)number).ToString(CultureInfo.InvariantCulture), out index)))
        {
            return index;
        }

        throw new DataException(
            $"{origin}: unknown label '{Shorten(label)}'; the known classes (from the training data) are {Describe(Names)}. " +
            "Fix the label or add the class to the training data.")
        { Path = path };
    }

    /// <summary>The class index of every label, in order.</summary>
    public int[] IndicesOf(IReadOnlyList<string> labels, Func<int, string> originOf, Func<int, string?>? pathOf = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(originOf);
        var indices = new int[labels.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = IndexOf(labels[i], originOf(i), pathOf?.Invoke(i));
        }

        return indices;
    }

    /// <summary>"'a', 'b', 'c'" — at most 20 names.</summary>
    public static string Describe(IReadOnlyList<string> names) =>
        names.Count <= 20
            ? string.Join(", ", names.Select(n => $"'{n}'"))
            : string.Join(", ", names.Take(20).Select(n => $"'{n}'")) + $" and {names.Count - 20} more";

    private static bool IsIndex(string label) =>
        label.Length > 0 && label.All(char.IsAsciiDigit);

    // Saturates: twenty digits are as much "too many classes" as ten.
    private static long ParseIndex(string label) =>
        label.Length <= 18 ? long.Parse(label, NumberStyles.None, CultureInfo.InvariantCulture) : long.MaxValue;

    // A label is data from the file; keep messages short even when a row holds a megabyte in one field.
    private static string Shorten(string label) => label.Length <= 80 ? label : label[..80] + "...";
}
