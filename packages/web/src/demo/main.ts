import {
  ElAlert,
  ElAvatar,
  ElBadge,
  ElButton,
  ElConfigProvider,
  ElDialog,
  ElEmpty,
  ElForm,
  ElFormItem,
  ElInput,
  ElPopover,
  ElTag,
} from 'element-plus';
import 'element-plus/dist/index.css';
import { createApp } from 'vue';
import '../shared/base.css';
import App from './App.vue';

const app = createApp(App);
for (const c of [
  ElAlert,
  ElAvatar,
  ElBadge,
  ElButton,
  ElConfigProvider,
  ElDialog,
  ElEmpty,
  ElForm,
  ElFormItem,
  ElInput,
  ElPopover,
  ElTag,
])
  app.component(c.name!, c);
app.mount('#app');
