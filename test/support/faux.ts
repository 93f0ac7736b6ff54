export {
  fauxAssistantMessage,
  fauxText,
  fauxThinking,
  fauxToolCall,
  installFauxProvider,
  registerFauxModels,
} from "../../src/pi/faux-provider.js";
