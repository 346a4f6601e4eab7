// Types for sdk/pigeon-wechat.js, the single-file build copied from
// packages/sdk/dist/miniprogram/ (see README.md). The runtime file itself is not committed.
import sdk from '@pigeon/sdk/wechat';
export default sdk;
