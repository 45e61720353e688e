import './install-bridge';
import '../../renderer/src/main';
