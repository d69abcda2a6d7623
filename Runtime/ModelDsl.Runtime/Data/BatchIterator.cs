using System;
using System.Collections.Generic;

namespace ModelDsl.Runtime.Data;

/// <summary>
/// Produces the batches of one epoch. The order is a pure function of (seed, epoch), so a run resumed at
/// epoch e sees exactly the batches an uninterrupted run would.
/// </summary>
public static class BatchIterator
{
    /// <summary>
    /// Every example once, in batches of <paramref name="batchSize"/>; the last batch holds the remainder
    /// (it is smaller, never dropped and never padded). With <paramref name="shuffle"/>, a new permutation per epoch.
    /// </summary>
    public static int[][] EpochIndices(int count, int batchSize, bool shuffle, int seed, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        int[] order;
        if (shuffle)
        {
            order = SeededRandom.For(seed, epoch, RandomStream.Shuffle).Permutation(count);
        }
        else
        {
            order = new int[count];
            for (var i = 0; i < count; i++)
            {
                order[i] = i;
            }
        }

        var batches = new int[(count + batchSize - 1) / batchSize][];
        for (var b = 0; b < batches.Length; b++)
        {
            var start = b * batchSize;
            batches[b] = order[start..Math.Min(count, start + batchSize)];
        }

        return batches;
    }

    /// <summary>
    /// <paramref name="steps"/> full batches drawn at random (<c>steps_per_epoch</c>): examples are taken from a
    /// stream of seeded permutations, so no example repeats within a batch and all are used about equally
    /// often, whether <c>steps × batch_size</c> is smaller or larger than the dataset.
    /// </summary>
    public static int[][] DrawIndices(int count, int batchSize, int steps, int seed, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(steps);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var random = SeededRandom.For(seed, epoch, RandomStream.Draws);
        var size = Math.Min(batchSize, count);
        var batches = new int[steps][];
        var permutation = random.Permutation(count);
        var position = 0;
        for (var s = 0; s < steps; s++)
        {
            var batch = new int[size];
            var used = new HashSet<int>();
            for (var i = 0; i < size; i++)
            {
                if (position == count)
                {
                    permutation = random.Permutation(count);
                    position = 0;
                }

                // Across a permutation boundary an example could come up twice in one batch; skip it.
                var candidate = permutation[position++];
                while (!used.Add(candidate))
                {
                    if (position == count)
                    {
                        permutation = random.Permutation(count);
                        position = 0;
                    }

                    candidate = permutation[position++];
                }

                batch[i] = candidate;
            }

            batches[s] = batch;
        }

        return batches;
    }

    /// <summary>The batches of one pass over <paramref name="data"/>.</summary>
    public static IEnumerable<Batch> Batches(Dataset data, int batchSize, bool shuffle = false, int seed = 0, int epoch = 0)
    {
        foreach (var indices in EpochIndices(data.Count, batchSize, shuffle, seed, epoch))
        {
            yield return data.GetBatch(indices);
        }
    }
}
