package io.pretext.contrastive;

import io.pretext.api.plugin.PluginModule;
import io.pretext.api.plugin.PluginRegistrar;

/**
 * Registers the joint-embedding pretext tasks {@code simclr}, {@code simsiam}, {@code
 * barlow-twins}, {@code vicreg}, {@code byol}, {@code moco} and {@code dino}, and the {@code
 * projection} head they share.
 */
public final class ContrastivePlugins extends PluginModule {

  @Override
  protected void declare(PluginRegistrar plugins) {
    plugins.pretextTask("simclr", SimClrTaskFactory.class);
    plugins.pretextTask("simsiam", SimSiamTaskFactory.class);
    plugins.pretextTask("barlow-twins", BarlowTwinsTaskFactory.class);
    plugins.pretextTask("vicreg", VicRegTaskFactory.class);
    plugins.pretextTask("byol", ByolTaskFactory.class);
    plugins.pretextTask("moco", MocoTaskFactory.class);
    plugins.pretextTask("dino", DinoTaskFactory.class);
    plugins.head("projection", ProjectionHeadFactory.class);
  }
}
