namespace ModelDsl.Runtime.Weights;

/// <summary>How the names of a pretrained weight file relate to the <c>.model</c> names (<c>map:</c> of <c>pretrained(...)</c>).</summary>
public enum WeightNameMap
{
    /// <summary>The file uses the <c>.model</c> names (a file written by <c>SaveWeights</c>, or a state_dict saved with them).</summary>
    None,

    /// <summary>
    /// The file is a torchvision state_dict (<c>conv1.weight</c>, <c>layer1.0.bn1.running_mean</c>, <c>fc.weight</c>, VGG's
    /// <c>features.N</c>/<c>classifier.N</c>): its layers, in torchvision's registration order, are paired with the model's
    /// layers in <c>.model</c> order (see <see cref="TorchvisionNames"/>).
    /// </summary>
    Torchvision,
}
