using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;
using Portal.Testing;
using Portal.Web.Localization;
using Xunit;

namespace Portal.Host.Tests;

public sealed class ImplicitRequiredMessageTests
{
    public sealed class Form
    {
        public string Name { get; set; } = "";

        [Required(ErrorMessage = "Enter a name.")]
        public string Explicit { get; set; } = "";
    }

    [Fact]
    public async Task The_implicit_required_check_of_a_non_nullable_property_gets_a_translatable_message()
    {
        await using var app = await PortalWebApp.StartAsync("sqlite");
        var metadata = app.Services.GetRequiredService<IModelMetadataProvider>();

        var implicitRequired = metadata.GetMetadataForProperty(typeof(Form), nameof(Form.Name)).ValidatorMetadata.OfType<RequiredAttribute>().Single();
        var explicitRequired = metadata.GetMetadataForProperty(typeof(Form), nameof(Form.Explicit)).ValidatorMetadata.OfType<RequiredAttribute>().Single();

        Assert.Equal(ImplicitRequiredMessage.Message, implicitRequired.ErrorMessage);
        Assert.Equal("Enter a name.", explicitRequired.ErrorMessage);
        Assert.Equal("请填写{0}。", app.Services.GetRequiredService<StringTable>().Find(ImplicitRequiredMessage.Message, new System.Globalization.CultureInfo("zh-CN")));
    }
}
