using System;
using System.Collections.Generic;
using System.IO;
using ModelDsl.Runtime.Data;
using ModelDsl.Runtime.Training;

namespace ModelDsl.Runtime.Tests.Training;

/// <summary>
/// A tiny backend for testing the loop: linear regression y = w·x + b trained by plain SGD on the MSE loss,
/// with SGD momentum so the optimiser has state a checkpoint must carry.
/// </summary>
internal sealed class LinearRegressionSession(int features) : ITrainingSession
{
    private double[] _weights = new double[features + 1];
    private readonly double[] _velocity = new double[features + 1];

    public IReadOnlyList<string> OutputNames { get; } = ["y"];

    public double LearningRate { get; set; } = 0.05;

    public double Momentum { get; init; } = 0.5;

    /// <summary>When set, the loss of the TrainBatch call with this (1-based) number is NaN.</summary>
    public int? NaNAtCall { get; set; }

    /// <summary>When set, the bias becomes NaN after the TrainBatch call with this number, whose loss stays finite (an update that overflowed).</summary>
    public int? PoisonBiasAfterCall { get; set; }

    public int TrainCalls { get; private set; }

    public List<double> RatesSeen { get; } = [];

    public IReadOnlyList<double> Weights => _weights;

    public BatchResult TrainBatch(Batch batch, bool returnOutputs)
    {
        TrainCalls++;
        RatesSeen.Add(LearningRate);
        var (loss, predictions) = Forward(batch);
        var x = batch.Input.Values!;
        var y = batch.Target.AsFloats();
        var n = batch.Size;
        var gradient = new double[_weights.Length];
        for (var i = 0; i < n; i++)
        {
            var error = 2 * (predictions[i] - y[i]) / n;
            for (var f = 0; f < features; f++)
            {
                gradient[f] += error * x[(i * features) + f];
            }

            gradient[features] += error;
        }

        for (var j = 0; j < _weights.Length; j++)
        {
            _velocity[j] = (Momentum * _velocity[j]) + gradient[j];
            _weights[j] -= LearningRate * _velocity[j];
        }

        if (PoisonBiasAfterCall == TrainCalls)
        {
            _weights[features] = double.NaN;
        }

        if (NaNAtCall == TrainCalls)
        {
            Array.Fill(_weights, double.NaN);
            loss = double.NaN;
        }

        return new BatchResult(loss, null, returnOutputs ? [predictions] : null);
    }

    public BatchResult EvaluateBatch(Batch batch, bool returnOutputs)
    {
        var (loss, predictions) = Forward(batch);
        return new BatchResult(loss, null, returnOutputs ? [predictions] : null);
    }

    public IReadOnlyList<float[]> Predict(Batch batch) => [Forward(batch).Predictions];

    public void SaveState(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(_weights.Length);
        foreach (var w in _weights)
        {
            writer.Write(w);
        }

        foreach (var v in _velocity)
        {
            writer.Write(v);
        }
    }

    public void LoadState(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var count = reader.ReadInt32();
        if (count != _weights.Length)
        {
            throw new InvalidDataException($"expected {_weights.Length} weights, found {count}");
        }

        for (var j = 0; j < count; j++)
        {
            _weights[j] = reader.ReadDouble();
        }

        for (var j = 0; j < count; j++)
        {
            _velocity[j] = reader.ReadDouble();
        }
    }

    public object SnapshotWeights() => _weights.Clone();

    public void RestoreWeights(object snapshot) => _weights = (double[])((double[])snapshot).Clone();

    public string? FindNonFiniteWeight()
    {
        var at = Array.FindIndex(_weights, w => !double.IsFinite(w));
        return at < 0 ? null : at == features ? "b" : $"w{at}";
    }

    private (double Loss, float[] Predictions) Forward(Batch batch)
    {
        var x = batch.Input.Values!;
        var y = batch.Target.AsFloats();
        var n = batch.Size;
        var predictions = new float[n];
        double loss = 0;
        for (var i = 0; i < n; i++)
        {
            var p = _weights[features];
            for (var f = 0; f < features; f++)
            {
                p += _weights[f] * x[(i * features) + f];
            }

            predictions[i] = (float)p;
            loss += (p - y[i]) * (p - y[i]);
        }

        return (loss / n, predictions);
    }

    /// <summary>y = 2·x0 − 3·x1 + 1 + small deterministic noise.</summary>
    public static Dataset MakeData(int count, int seed = 1)
    {
        var random = new SeededRandom((ulong)seed);
        var x = new float[count * 2];
        var y = new float[count];
        for (var i = 0; i < count; i++)
        {
            x[i * 2] = (float)random.NextDouble(-1, 1);
            x[(i * 2) + 1] = (float)random.NextDouble(-1, 1);
            y[i] = (2 * x[i * 2]) - (3 * x[(i * 2) + 1]) + 1 + (float)random.NextDouble(-0.05, 0.05);
        }

        return Dataset.FromArrays(x, [2], y, [1]);
    }
}
