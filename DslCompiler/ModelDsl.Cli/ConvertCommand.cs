using System;
using System.Collections;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using ModelDsl.Runtime.Weights;
using TorchSharp;

namespace ModelDsl.Cli;

/// <summary>
/// <c>modeldsl convert X.pt|X.pth -o X.safetensors</c>: a PyTorch <c>state_dict</c> saved with <c>torch.save</c> (the zip
/// format of torch ≥ 1.6) becomes a safetensors file that both backends load (<c>LoadWeights</c>, <c>LoadPretrained</c>,
/// <c>pretrained(...)</c>). The pickle is read by TorchSharp.PyBridge, which only rebuilds tensors and ordered dicts, so a
/// file cannot run code. Every tensor is written as float32 under its own name; batch norm's
/// <c>num_batches_tracked</c> counters are left out (no ModelDsl forward reads them).
/// </summary>
internal static class ConvertCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new Argument<string>("file") { Description = "A .pt or .pth file holding a state_dict (torch.save(model.state_dict(), path))" };
        var safetensors = new Option<string>("--output", "-o") { Description = "The .safetensors file to write", Required = true };
        var command = new Command("convert", "Convert a PyTorch state_dict (.pt/.pth) to a safetensors weight file") { input, safetensors };
        command.SetAction(parseResult => Run(parseResult.GetValue(input)!, parseResult.GetValue(safetensors)!, output, error));
        return command;
    }

    private static int Run(string path, string target, TextWriter output, TextWriter error)
    {
        if (!File.Exists(path))
        {
            error.WriteLine($"modeldsl: {path}: the file does not exist");
            return 1;
        }

        List<WeightTensor> tensors;
        try
        {
            tensors = Read(path);
        }
        catch (Exception exception) when (exception is NotImplementedException or InvalidDataException or InvalidCastException or InvalidOperationException or Razorvine.Pickle.PickleException or IOException)
        {
            error.WriteLine($"modeldsl: {path}: not a PyTorch state_dict that convert can read ({Describe(exception)})");
            return 1;
        }

        if (tensors.Count == 0)
        {
            error.WriteLine($"modeldsl: {path}: the state_dict holds no tensors");
            return 1;
        }

        try
        {
            SafetensorsFile.Write(target, tensors, new Dictionary<string, string> { ["format"] = "pt", ["source"] = Path.GetFileName(path) });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or WeightFileException)
        {
            error.WriteLine($"modeldsl: {target}: {exception.Message}");
            return 1;
        }

        var parameters = tensors.Sum(t => (long)t.Values.Length);
        output.WriteLine($"Converted {tensors.Count} tensors ({parameters:N0} values) from {path} to {Path.GetFullPath(target)}");
        return 0;
    }

    private static List<WeightTensor> Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var scope = torch.NewDisposeScope();
        var state = TorchSharp.PyBridge.PyTorchUnpickler.UnpickleStateDict(stream);
        var tensors = new List<WeightTensor>();
        foreach (DictionaryEntry entry in state)
        {
            var name = (string)entry.Key;
            if (entry.Value is not torch.Tensor tensor)
            {
                throw new InvalidDataException($"'{name}' is not a tensor");
            }

            if (WeightBinder.IsBatchCounter(name))
            {
                continue;
            }

            var values = tensor.to_type(torch.ScalarType.Float32).contiguous().data<float>().ToArray();
            tensors.Add(new WeightTensor(name, tensor.shape, values));
        }

        // A Hashtable has no order; the name order makes the file deterministic (and the torchvision map sorts anyway).
        tensors.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return tensors;
    }

    private static string Describe(Exception exception) => exception switch
    {
        NotImplementedException when exception.Message.Contains("old PyTorch format", StringComparison.Ordinal) =>
            "it was saved in torch's legacy format; save it again with torch >= 1.6's torch.save",
        NotImplementedException when exception.Message.Contains("entire model", StringComparison.Ordinal) =>
            "it holds a whole pickled model; save model.state_dict() instead",
        _ => exception.Message,
    };
}
